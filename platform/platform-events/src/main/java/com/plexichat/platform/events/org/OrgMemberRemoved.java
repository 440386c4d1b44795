package com.plexichat.platform.events.org;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user left or was removed from an organization; {@code role} is the role they had. */
public record OrgMemberRemoved(UUID organizationId, UUID userId, String role, Instant removedAt) {

    public static final EventType<OrgMemberRemoved> TYPE =
            new EventType<>("org.member-removed", Topics.ORGS, OrgMemberRemoved.class, Set.of("org-service"));
}
