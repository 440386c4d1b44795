package com.plexichat.platform.events.auth;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user's second factor changed: {@code totp_enabled}, {@code totp_disabled} or {@code recovery_codes_regenerated}. */
public record TwoFactorChanged(UUID userId, String change, Instant changedAt) {

    public static final String TOTP_ENABLED = "totp_enabled";
    public static final String TOTP_DISABLED = "totp_disabled";
    public static final String RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated";

    public static final EventType<TwoFactorChanged> TYPE =
            new EventType<>("auth.two-factor-changed", Topics.AUTH, TwoFactorChanged.class, Set.of("auth-service"));
}
