package com.plexichat.gateway.security;

import com.plexichat.platform.events.auth.SessionRevoked;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every WebSocket this gateway relays, by user, with the session ({@code sid}) and issue time of the token that
 * opened it: when a session is revoked (logout, password change, suspension, deletion) its sockets are closed with
 * {@link #REVOKED} (4401, "log in again"), and the relay closes the service's side with them. A socket outlives
 * its token otherwise; this is what ends it.
 */
public class RevocableSockets implements WebSocketService {

    private static final Logger log = LoggerFactory.getLogger(RevocableSockets.class);

    /** A close code of the private range (4000-4999), named after HTTP's 401. */
    public static final CloseStatus REVOKED = new CloseStatus(4401, "Session revoked; log in again");

    private record Open(String sessionId, Instant issuedAt, WebSocketSession socket) {}

    private final WebSocketService delegate;
    private final Map<UUID, Set<Open>> byUser = new ConcurrentHashMap<>();

    public RevocableSockets(WebSocketService delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getToken())
                .map(jwt -> tracked(handler, jwt))
                .defaultIfEmpty(handler)
                .flatMap(h -> delegate.handleRequest(exchange, h));
    }

    private WebSocketHandler tracked(WebSocketHandler handler, Jwt jwt) {
        UUID user;
        try {
            user = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            return handler;
        }
        String sid = jwt.getClaimAsString("sid");
        Instant issuedAt = jwt.getIssuedAt();
        return new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return handler.getSubProtocols();
            }

            @Override
            public Mono<Void> handle(WebSocketSession socket) {
                Open open = new Open(sid, issuedAt, socket);
                byUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(open);
                return handler.handle(socket).doFinally(signal -> forget(user, open));
            }
        };
    }

    private void forget(UUID user, Open open) {
        byUser.computeIfPresent(user, (u, sockets) -> {
            sockets.remove(open);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** Closes the sockets the revocation covers: that session's, or (without a session) the user's older ones. */
    public void revoke(SessionRevoked event) {
        Set<Open> sockets = event.userId() == null ? null : byUser.get(event.userId());
        if (sockets == null) {
            return;
        }
        Instant cutoff = event.revokedAt() == null ? Instant.now() : event.revokedAt();
        Instant before = event.accountClosed()
                ? cutoff.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                : cutoff.truncatedTo(ChronoUnit.SECONDS);
        for (Open open : sockets) {
            boolean covered = event.sessionId() != null
                    ? event.sessionId().equals(open.sessionId())
                    : open.issuedAt() == null || open.issuedAt().isBefore(before);
            if (covered) {
                log.info("Closing a socket of user {}: session revoked ({})", event.userId(), event.reason());
                open.socket().close(REVOKED).subscribe();
            }
        }
    }
}
