package com.plexichat.platform.security;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.servlet.EnvelopeWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token that cannot be checked because Keycloak's key set cannot be fetched (Keycloak down or stalled past the
 * bounded time-out) is the identity provider's failure, not the client's: 503 with {@code Retry-After}, never a 401
 * that would send a client to log in again, nor a 500. Spring Security raises it as an
 * {@link AuthenticationServiceException}, which it does not answer itself.
 */
final class KeysUnavailableFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private final EnvelopeWriter writer;

    KeysUnavailableFilter(EnvelopeWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            writer.write(
                    response,
                    ApiResponse.error(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "Tokens cannot be checked right now; try again shortly",
                            Map.of("reason", "identity_provider_unavailable")),
                    503);
        }
    }
}
