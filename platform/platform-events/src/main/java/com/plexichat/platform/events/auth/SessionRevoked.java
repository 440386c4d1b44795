package com.plexichat.platform.events.auth;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A login session ended (logout, password reset, suspension, account deletion). The gateway refuses
 * the access tokens of that session from now on, until they would have expired anyway, and closes the
 * session's open WebSockets.
 *
 * @param userId the user whose session ended
 * @param sessionId the Keycloak session ({@code sid} claim); null means every session of the user
 *     issued up to {@code revokedAt}
 * @param revokedAt when the session ended
 * @param reason {@link #LOGOUT}, {@link #PASSWORD_CHANGED}, {@link #SUSPENDED} or {@link #DELETED}; null in
 *     events from before it was added (read as a logout)
 */
public record SessionRevoked(UUID userId, String sessionId, Instant revokedAt, String reason) {

    public static final EventType<SessionRevoked> TYPE =
            new EventType<>("session.revoked", Topics.AUTH, SessionRevoked.class, Set.of("auth-service"));

    public static final String LOGOUT = "logout";
    public static final String PASSWORD_CHANGED = "password_changed";
    public static final String SUSPENDED = "suspended";
    public static final String DELETED = "deleted";

    public SessionRevoked(UUID userId, String sessionId, Instant revokedAt) {
        this(userId, sessionId, revokedAt, LOGOUT);
    }

    /**
     * Whether the account itself is gone or disabled: no token of the user issued up to the revocation (its second
     * included) may pass, since no new login can happen before it.
     */
    public boolean accountClosed() {
        return SUSPENDED.equals(reason) || DELETED.equals(reason);
    }
}
