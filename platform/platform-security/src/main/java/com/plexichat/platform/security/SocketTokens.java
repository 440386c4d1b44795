package com.plexichat.platform.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The user of a WebSocket handshake, from the same access token as the REST API: the {@code Authorization} header,
 * or the {@code token} query parameter for browsers (which cannot set headers on a WebSocket).
 */
public final class SocketTokens {

    /**
     * Marks a gateway's probe of a socket URL: the handshake's checks run and a {@link SocketProbe} answers 204 in
     * place of the upgrade, or the check's refusal, before the gateway upgrades the client's connection.
     */
    public static final String PROBE_HEADER = "X-PlexiChat-Socket-Probe";

    private SocketTokens() {}

    /** Empty when there is no token or it does not verify (the handshake answers 401). */
    public static Optional<UUID> user(ServerHttpRequest request, JwtDecoder jwts) {
        String header = request.getHeaders().getFirst("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : UriComponentsBuilder.fromUri(request.getURI())
                        .build()
                        .getQueryParams()
                        .getFirst("token");
        try {
            return Optional.of(
                    UUID.fromString(jwts.decode(token == null ? "" : token).getSubject()));
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
