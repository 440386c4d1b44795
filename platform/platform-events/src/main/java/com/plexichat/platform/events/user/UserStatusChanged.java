package com.plexichat.platform.events.user;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An administrator suspended or re-activated a user (admin-service owns the status). auth-service disables or
 * enables the account in Keycloak and, on suspension, ends every session ({@code session.revoked}); every
 * service's user replica takes the new status.
 *
 * @param status {@code active} or {@code suspended} (deletion is {@code user.deletion-requested})
 * @param reason what the administrator wrote; shown to the user when a login is refused
 * @param changedBy the administrator (or the API key) that changed it
 */
public record UserStatusChanged(UUID userId, String status, String reason, UUID changedBy, Instant changedAt) {

    public static final EventType<UserStatusChanged> TYPE =
            new EventType<>("user.status-changed", Topics.USERS, UserStatusChanged.class, Set.of("admin-service"));

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
}
