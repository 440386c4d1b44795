package com.plexichat.platform.events.org;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An organization's name, slug or description changed (the new values). */
public record OrgUpdated(UUID organizationId, String name, String slug, String description, Instant updatedAt) {

    public static final EventType<OrgUpdated> TYPE =
            new EventType<>("org.updated", Topics.ORGS, OrgUpdated.class, Set.of("org-service"));
}
