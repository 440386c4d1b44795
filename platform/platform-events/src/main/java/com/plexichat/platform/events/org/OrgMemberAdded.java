package com.plexichat.platform.events.org;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user joined an organization with a role (owner, admin, member, guest). */
public record OrgMemberAdded(UUID organizationId, UUID userId, String role, Instant joinedAt) {

    public static final EventType<OrgMemberAdded> TYPE =
            new EventType<>("org.member-added", Topics.ORGS, OrgMemberAdded.class, Set.of("org-service"));
}
