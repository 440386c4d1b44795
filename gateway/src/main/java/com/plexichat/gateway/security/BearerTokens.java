package com.plexichat.gateway.security;

import com.plexichat.gateway.config.RequestPattern;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where the access token is: the {@code Authorization} header; for a WebSocket handshake also the
 * {@code token} query parameter, since browsers cannot set headers on {@code new WebSocket(url)}.
 * On public routes a token is ignored, so a client refreshing with a stale header still gets in.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    static final String WEBSOCKET_PATHS = "/v1/ws/";
    static final String QUERY_PARAMETER = "token";

    private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
    private final List<RequestPattern> publicRoutes;

    BearerTokens(List<RequestPattern> publicRoutes) {
        this.publicRoutes = publicRoutes;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        if (RequestPattern.anyMatches(publicRoutes, request)) {
            return Mono.empty();
        }
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && request.getPath().value().startsWith(WEBSOCKET_PATHS)) {
            String token = request.getQueryParams().getFirst(QUERY_PARAMETER);
            if (token != null && !token.isBlank()) {
                return Mono.just(new BearerTokenAuthenticationToken(token));
            }
        }
        return header.convert(exchange);
    }
}
