package com.plexichat.platform.events.auth;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * A login session ended (logout, password reset, suspension, account deletion). The gateway refuses
 * the access tokens of that session from now on, until they would have expired anyway.
 *
 * @param userId the user whose session ended
 * @param sessionId the Keycloak session ({@code sid} claim); null means every session of the user
 *     issued up to {@code revokedAt}
 * @param revokedAt when the session ended
 */
public record SessionRevoked(UUID userId, String sessionId, Instant revokedAt) {

    public static final EventType<SessionRevoked> TYPE =
            new EventType<>("session.revoked", Topics.AUTH, SessionRevoked.class);
}
