package com.plexichat.gateway.security;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.RevokedSessions;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every refused credential becomes the 401 envelope (with a reason a client can act on: refresh an
 * expired token, log in again after a revoked one) and a count in {@code
 * plexichat.gateway.auth.failures{reason}}.
 */
final class AuthenticationFailures implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final MeterRegistry meters;

    AuthenticationFailures(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        Reason reason = Reason.of(failure);
        meters.counter("plexichat.gateway.auth.failures", "reason", reason.tag).increment();
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        reason == Reason.MISSING ? "Bearer" : "Bearer error=\"invalid_token\"");
        return Mono.error(new ApiException(ErrorCode.UNAUTHORIZED, reason.message, Map.of("reason", reason.tag)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String scope = exchange.getAttribute(ApiKeyAuthentication.REQUIRED_SCOPE);
        if (scope != null) {
            meters.counter("plexichat.gateway.auth.failures", "reason", "missing_scope")
                    .increment();
            return Mono.error(new ApiException(
                    ErrorCode.FORBIDDEN,
                    "This API key lacks the scope " + scope,
                    Map.of("reason", "missing_scope", "required_scope", scope)));
        }
        return Mono.error(new ApiException(ErrorCode.FORBIDDEN, null));
    }

    enum Reason {
        MISSING("missing", "Authentication required: send a bearer token or an API key"),
        EXPIRED("expired", "Access token expired; refresh it or log in again"),
        REVOKED("revoked", "Session ended; log in again"),
        INVALID_API_KEY("invalid_api_key", "Unknown or revoked API key"),
        INVALID_TOKEN("invalid_token", "Invalid access token");

        final String tag;
        final String message;

        Reason(String tag, String message) {
            this.tag = tag;
            this.message = message;
        }

        static Reason of(AuthenticationException failure) {
            if (failure instanceof AuthenticationCredentialsNotFoundException) {
                return MISSING;
            }
            if (failure instanceof BadCredentialsException && !(failure instanceof OAuth2AuthenticationException)) {
                return INVALID_API_KEY;
            }
            String description = failure instanceof OAuth2AuthenticationException oauth
                            && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription()
                    : String.valueOf(failure.getMessage());
            if (description.contains(RevokedSessions.REVOKED)) {
                return REVOKED;
            }
            if (description.contains("expired")) {
                return EXPIRED;
            }
            return INVALID_TOKEN;
        }
    }
}
