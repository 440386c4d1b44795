package com.plexichat.org.organization;

import java.time.Instant;
import java.util.UUID;

/** A member of an organization as the API shows it. */
record MemberResponse(UUID userId, String role, Instant joinedAt) {

    static MemberResponse of(Membership row) {
        return new MemberResponse(row.userId(), row.role(), row.joinedAt());
    }
}
