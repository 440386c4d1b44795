package com.plexichat.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code X-API-Key} through the service's {@link ApiKeyAuthenticator}, if any. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final Optional<ApiKeyAuthenticator> authenticator;
    private final AuthenticationEntryPoint entryPoint;
    private final AccessDeniedHandler forbidden;

    ApiKeyAuthenticationFilter(
            Optional<ApiKeyAuthenticator> authenticator,
            AuthenticationEntryPoint entryPoint,
            AccessDeniedHandler forbidden) {
        this.authenticator = authenticator;
        this.entryPoint = entryPoint;
        this.forbidden = forbidden;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CurrentUser> client =
                key.isBlank() ? Optional.empty() : authenticator.flatMap(a -> a.authenticate(key));
        if (client.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("Unknown or revoked API key"));
            return;
        }
        CurrentUser principal = client.get();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!ApiKeyScopes.permits(principal.scopes(), request.getMethod(), path)) {
            // The gateway refuses this first; a request that reached the service directly is refused the same way.
            forbidden.handle(
                    request,
                    response,
                    new AccessDeniedException("API key lacks scope "
                            + ApiKeyScopes.required(request.getMethod(), path).orElse("")));
            return;
        }
        var authorities = principal.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
