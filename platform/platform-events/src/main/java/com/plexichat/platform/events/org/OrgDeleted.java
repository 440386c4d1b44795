package com.plexichat.platform.events.org;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An organization is gone, with its members; its channels and their messages go by this event. */
public record OrgDeleted(UUID organizationId, Instant deletedAt) {

    public static final EventType<OrgDeleted> TYPE =
            new EventType<>("org.deleted", Topics.ORGS, OrgDeleted.class, Set.of("org-service"));
}
