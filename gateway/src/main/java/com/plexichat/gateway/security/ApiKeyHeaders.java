package com.plexichat.gateway.security;

import com.plexichat.platform.security.CurrentUser;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells the services which API key the gateway accepted and with which scopes ({@code X-PlexiChat-Api-Key-Id},
 * {@code X-PlexiChat-Api-Key-Scopes}, for their logs and audit records). A client's own headers of these names are
 * dropped first, so they only ever say what the gateway checked. Services still check the key itself.
 */
final class ApiKeyHeaders implements WebFilter {

    static final String ID = com.plexichat.platform.api.RequestClients.API_KEY_ID_HEADER;
    static final String SCOPES = "X-PlexiChat-Api-Key-Scopes";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Most requests carry neither header nor a key: they pass as they are, with no copy of their headers.
        var sent = exchange.getRequest().getHeaders();
        ServerWebExchange stripped = sent.containsHeader(ID) || sent.containsHeader(SCOPES)
                ? exchange.mutate()
                        .request(request -> request.headers(headers -> {
                            headers.remove(ID);
                            headers.remove(SCOPES);
                        }))
                        .build()
                : exchange;
        if (!sent.containsHeader(ApiKeyAuthentication.HEADER)) {
            return chain.filter(stripped);
        }
        return stripped.getPrincipal()
                .filter(principal -> principal instanceof Authentication auth
                        && auth.getPrincipal() instanceof CurrentUser user
                        && user.apiKey())
                .map(principal -> (CurrentUser) ((Authentication) principal).getPrincipal())
                .map(key -> stripped.mutate()
                        .request(request -> request.headers(headers -> {
                            headers.set(ID, key.id().toString());
                            headers.set(SCOPES, String.join(" ", new TreeSet<>(key.scopes())));
                        }))
                        .build())
                .defaultIfEmpty(stripped)
                .flatMap(chain::filter);
    }
}
