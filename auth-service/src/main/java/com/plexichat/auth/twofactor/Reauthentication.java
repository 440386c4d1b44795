package com.plexichat.auth.twofactor;

import com.plexichat.auth.keycloak.KeycloakTokens;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Changes that could lock the owner out (password, email, second factors, the account itself) need
 * proof beyond the access token: the current password, and a second-factor code where asked.
 */
@Component
public class Reauthentication {

    private final KeycloakTokens tokens;
    private final TwoFactorService twoFactor;

    Reauthentication(KeycloakTokens tokens, TwoFactorService twoFactor) {
        this.tokens = tokens;
        this.twoFactor = twoFactor;
    }

    public void requirePassword(CurrentUser user, String password) {
        if (password == null || password.isEmpty()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid input provided",
                    Map.of("field", "password", "reason", "your current password is required"));
        }
        if (!tokens.passwordMatches(user.username(), password)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "The password is not correct", Map.of("field", "password"));
        }
    }

    /** The password, plus a TOTP or recovery code when the user has a second factor. */
    public void requirePasswordAndSecondFactor(CurrentUser user, String password, String code) {
        requirePassword(user, password);
        if (twoFactor.enabled(user.id()) && !twoFactor.verifyAnyCode(user.id(), code)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "A valid TOTP or recovery code is required",
                    Map.of(
                            "field",
                            "code",
                            "methods",
                            java.util.List.of(TwoFactorService.TOTP, TwoFactorService.RECOVERY)));
        }
    }
}
