package com.plexichat.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the account endpoints (API-CONVENTIONS "Request bodies"). */
final class AccountRequests {

    private AccountRequests() {}

    record Register(
            @NotNull @Pattern(regexp = "[a-z0-9._-]{3,32}", message = "must be 3-32 of a-z, 0-9, '.', '_', '-'")
            String username,

            @NotBlank @Email @Size(max = 254) String email,

            @NotNull @Size(min = 12, max = 256, message = "must have 12 to 256 characters")
            String password,

            @Size(min = 1, max = 64) String displayName) {}

    record VerifyEmail(@NotBlank @Size(max = 256) String token) {}

    /** Only these fields: anything else (roles, id, username) is refused, as in every body here (application.yml). */
    record UpdateMe(
            @Size(min = 1, max = 64) String displayName,
            @Email @Size(max = 254) String email,

            @Size(min = 12, max = 256, message = "must have 12 to 256 characters")
            String password,

            @Size(max = 1024) String currentPassword,

            /** A TOTP or recovery code: with 2FA on, an email or password change needs one besides the password. */
            @Size(max = 64) String code) {}

    record DeleteMe(
            @Size(max = 1024) String password,
            @Size(max = 64) String code) {}
}
