package com.plexichat.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.plexichat.platform.events.auth.SessionRevoked;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The deny-list of ended sessions, fed by {@code session.revoked}: at the gateway, and in every service as defence
 * in depth ({@link SessionRevocationListener}), so that a revoked token is refused even on a path around the gateway. An entry is kept as long as an
 * access token issued before the revocation could still be unexpired ({@code retention}), then
 * forgotten: the token's own expiry takes over.
 */
public class RevokedSessions {

    public static final String REVOKED = "Session revoked";

    private final Cache<String, Instant> sessions;
    private final Cache<UUID, Instant> users;

    public RevokedSessions(Duration retention) {
        this.sessions = Caffeine.newBuilder().expireAfterWrite(retention).build();
        this.users = Caffeine.newBuilder().expireAfterWrite(retention).build();
    }

    public void revoke(SessionRevoked event) {
        Instant at = event.revokedAt() == null ? Instant.now() : event.revokedAt();
        if (event.accountClosed()) {
            // Nobody logs in to a suspended or deleted account, so the second of the revocation is refused too: a
            // token issued a moment before the suspension, in the same second, must not survive it.
            at = at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        if (event.sessionId() != null) {
            sessions.put(event.sessionId(), at);
        } else if (event.userId() != null) {
            users.asMap().merge(event.userId(), at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    public boolean isRevoked(Jwt jwt) {
        String sid = jwt.getClaimAsString("sid");
        if (sid != null && sessions.getIfPresent(sid) != null) {
            return true;
        }
        if (users.estimatedSize() == 0 || jwt.getSubject() == null) {
            return false;
        }
        Instant allSessionsRevokedAt;
        try {
            allSessionsRevokedAt = users.getIfPresent(UUID.fromString(jwt.getSubject()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        // iat has whole seconds: a login in the very second of the revocation (a user who just reset their
        // password) must work, so only tokens issued in an earlier second are refused.
        Instant issuedAt = jwt.getIssuedAt();
        return allSessionsRevokedAt != null
                && (issuedAt == null || issuedAt.isBefore(allSessionsRevokedAt.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** Refuses the tokens of revoked sessions as part of token validation (a 401 like any invalid token). */
    public OAuth2TokenValidator<Jwt> validator() {
        OAuth2Error revoked = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, REVOKED, null);
        return jwt ->
                isRevoked(jwt) ? OAuth2TokenValidatorResult.failure(revoked) : OAuth2TokenValidatorResult.success();
    }
}
