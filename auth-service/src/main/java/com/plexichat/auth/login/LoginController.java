package com.plexichat.auth.login;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/auth")
class LoginController {

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    /** {@code username_or_email}, or {@code username} or {@code email} (API-CONVENTIONS). */
    record LoginRequest(
            @Size(max = 320) String usernameOrEmail,
            @Size(max = 320) String username,
            @Size(max = 320) String email,
            @NotBlank @Size(max = 1024) String password) {

        String identifier() {
            for (String candidate : new String[] {usernameOrEmail, username, email}) {
                if (candidate != null && !candidate.isBlank()) {
                    return candidate.strip();
                }
            }
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid input provided",
                    Map.of("field", "username_or_email", "reason", "is required"));
        }
    }

    record SecondFactorRequest(
            @NotNull UUID challengeId,

            @NotBlank @Pattern(regexp = "totp|email|recovery", message = "must be totp, email or recovery")
            String method,

            @Size(max = 64) String code) {}

    record EmailCodeSent(UUID challengeId, String method, String sentTo) {}

    record RefreshRequest(@NotBlank @Size(max = 8192) String refreshToken) {}

    record LogoutRequest(@Size(max = 8192) String refreshToken) {}

    @PostMapping("/login")
    ApiResponse<TokenResponse> login(@Valid @RequestBody LoginRequest request) {
        return ApiResponse.ok(logins.login(request.identifier(), request.password()));
    }

    @PostMapping("/login/2fa")
    ResponseEntity<ApiResponse<?>> secondFactor(@Valid @RequestBody SecondFactorRequest request) {
        LoginService.SecondFactorOutcome outcome =
                logins.completeLogin(request.challengeId(), request.method(), request.code());
        if (outcome.tokens() == null) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(ApiResponse.ok(new EmailCodeSent(request.challengeId(), "email", outcome.emailSentTo())));
        }
        return ResponseEntity.ok(ApiResponse.ok(outcome.tokens()));
    }

    @PostMapping("/refresh")
    ApiResponse<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return ApiResponse.ok(logins.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(CurrentUser user, @Valid @RequestBody(required = false) LogoutRequest request) {
        String sessionId = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsString("sid")
                : null;
        if (user.apiKey()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "API keys have no session to end");
        }
        logins.logout(user.id(), sessionId, request == null ? null : request.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
