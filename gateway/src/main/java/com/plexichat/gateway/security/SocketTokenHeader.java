package com.plexichat.gateway.security;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Browsers cannot set headers on {@code new WebSocket(url)}, so a socket handshake may carry its access token as
 * {@code ?token=}. A URL is the wrong place for a credential: it ends up in downstream access logs, proxies' logs and
 * error reports. Before anything else sees the request, the token moves to the {@code Authorization} header (unless
 * one is there already, which wins) and leaves the URL, so the security chain checks the header and the downstream
 * service receives the URL without it.
 */
final class SocketTokenHeader implements WebFilter {

    static final String WEBSOCKET_PATHS = "/v1/ws/";
    static final String QUERY_PARAMETER = "token";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!request.getPath().value().startsWith(WEBSOCKET_PATHS)
                || !request.getQueryParams().containsKey(QUERY_PARAMETER)) {
            return chain.filter(exchange);
        }
        String token = request.getQueryParams().getFirst(QUERY_PARAMETER);
        URI withoutToken = UriComponentsBuilder.fromUri(request.getURI())
                .replaceQueryParam(QUERY_PARAMETER)
                .build(true)
                .toUri();
        boolean header = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        var moved = request.mutate()
                .uri(withoutToken)
                .headers(headers -> {
                    if (!header && token != null && !token.isBlank()) {
                        headers.setBearerAuth(token);
                    }
                })
                .build();
        return chain.filter(exchange.mutate().request(moved).build());
    }
}
