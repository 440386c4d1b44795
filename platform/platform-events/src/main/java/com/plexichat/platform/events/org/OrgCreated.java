package com.plexichat.platform.events.org;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An organization exists; its creator is its owner (an {@link OrgMemberAdded} follows). */
public record OrgCreated(UUID organizationId, String name, String slug, UUID ownerId, Instant createdAt) {

    public static final EventType<OrgCreated> TYPE =
            new EventType<>("org.created", Topics.ORGS, OrgCreated.class, Set.of("org-service"));
}
