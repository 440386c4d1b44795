package com.plexichat.gateway.security;

import com.plexichat.gateway.config.RequestPattern;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where the access token is: the {@code Authorization} header (a socket URL's {@code ?token=} has been moved there by
 * {@link SocketTokenHeader}). On public routes a token is ignored, so a client refreshing with a stale header still
 * gets in.
 */
final class BearerTokens implements ServerAuthenticationConverter {

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
        return header.convert(exchange);
    }
}
