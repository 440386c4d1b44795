package com.plexichat.gateway.security;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.SocketTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Asks the service whether it would take a socket before the client's connection is upgraded. The gateway's relay
 * answers the client 101 first and opens the service's socket only then, so a refusal there (a conversation the
 * caller cannot read, a replica not ready) used to reach the client as a close with 1002 and Reactor Netty's text
 * ("Invalid handshake response getStatus: 404 ..."). The probe is the same request without the upgrade, marked with
 * {@link SocketTokens#PROBE_HEADER}: the service runs its handshake checks and answers 204 or the status it refuses
 * with, which the client gets here as the envelope, over plain HTTP.
 */
public class SocketPreflight implements WebSocketService {

    /** The handshake's own headers: the probe is a plain GET. */
    private static final Set<String> NOT_PROBED = Set.of(
            "host",
            "upgrade",
            "connection",
            "content-length",
            "transfer-encoding",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-extensions",
            "sec-websocket-protocol");

    private final WebSocketService delegate;
    private final HttpClient http;

    public SocketPreflight(WebSocketService delegate, HttpClient http, Duration timeout) {
        this.delegate = delegate;
        this.http = http.responseTimeout(timeout);
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        URI target = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (target == null) {
            return delegate.handleRequest(exchange, handler);
        }
        URI probe = UriComponentsBuilder.fromUri(target)
                .scheme("wss".equals(target.getScheme()) ? "https" : "http")
                .build(true)
                .toUri();
        return http.headers(headers -> {
                    exchange.getRequest().getHeaders().forEach((name, values) -> {
                        if (!NOT_PROBED.contains(name.toLowerCase(Locale.ROOT))) {
                            headers.add(name, values);
                        }
                    });
                    headers.set(SocketTokens.PROBE_HEADER, "1");
                })
                .get()
                .uri(probe)
                .response((response, body) ->
                        body.then(Mono.just(response.status().code())))
                .next()
                .onErrorMap(failure -> new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "Sockets are unavailable; try again shortly",
                        Map.of("reason", "service_unavailable")))
                .flatMap(status -> status / 100 == 2
                        ? delegate.handleRequest(exchange, new Guarded(handler))
                        : Mono.error(refusal(status)));
    }

    /**
     * A relay that fails after the upgrade (the service refused after all, or went away) closes the client's socket
     * with 1013 and a reason of ours; left to Reactor Netty, the close would quote the exception.
     */
    private record Guarded(WebSocketHandler handler) implements WebSocketHandler {

        static final CloseStatus TRY_AGAIN = new CloseStatus(1013, "Service unavailable; reconnect shortly");

        @Override
        public List<String> getSubProtocols() {
            return handler.getSubProtocols();
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            return handler.handle(session).onErrorResume(failure -> session.close(TRY_AGAIN));
        }
    }

    private static ApiException refusal(int status) {
        return switch (status) {
            case 400 ->
                new ApiException(
                        ErrorCode.VALIDATION_ERROR,
                        "after_seq is a non-negative seq, and only a channel's or a DM's socket takes it",
                        Map.of("field", "after_seq"));
            case 401 -> new ApiException(ErrorCode.UNAUTHORIZED, "A valid access token is required");
            // As REST answers an outsider: whether the conversation exists is not theirs to learn.
            case 403, 404 -> new ApiException(ErrorCode.NOT_FOUND, "No such conversation or room");
            default ->
                new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "Sockets are unavailable; try again shortly",
                        Map.of("reason", "service_unavailable"));
        };
    }
}
