package com.plexichat.platform.events.user;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An administrator deleted a user in user-service. auth-service removes the credentials from
 * Keycloak, ends the sessions and answers with {@code user.deleted}, which every service applies.
 *
 * @param requestedBy the administrator
 */
public record UserDeletionRequested(UUID userId, UUID requestedBy, Instant requestedAt) {

    public static final EventType<UserDeletionRequested> TYPE = new EventType<>(
            "user.deletion-requested",
            Topics.USERS,
            UserDeletionRequested.class,
            Set.of("user-service", "admin-service"));
}
