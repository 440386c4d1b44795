package com.plexichat.platform.events.auth;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A login attempt and how it ended, for the audit log. Never the password, the code or a token.
 *
 * @param userId the account, when the username or email named one (null for an unknown account)
 * @param outcome {@code success}, {@code failure}, {@code locked}, {@code suspended} or {@code
 *     two_factor_required}
 * @param method {@code password}, or the second factor that completed or failed ({@code totp}, {@code email},
 *     {@code recovery})
 */
public record LoginAttempted(UUID userId, String outcome, String method, Instant attemptedAt) {

    public static final EventType<LoginAttempted> TYPE =
            new EventType<>("auth.login-attempted", Topics.AUTH, LoginAttempted.class, Set.of("auth-service"));
}
