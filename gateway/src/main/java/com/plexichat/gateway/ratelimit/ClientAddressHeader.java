package com.plexichat.gateway.ratelimit;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.platform.api.RequestClients;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells the services who the client is ({@code X-PlexiChat-Client-Ip}: the address the rate limits use, through the
 * trusted proxies), replacing whatever a client sent under that name. The services put it in the audit log.
 */
public class ClientAddressHeader implements WebFilter, Ordered {

    private final Supplier<ClientAddresses> clients;

    public ClientAddressHeader(LiveProperties<RateLimitProperties> properties) {
        this.clients = properties.derive(p -> new ClientAddresses(p.trustedProxies()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String client = clients.get().resolve(exchange.getRequest());
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> {
                    if (client == null) {
                        headers.remove(RequestClients.CLIENT_IP_HEADER);
                    } else {
                        headers.set(RequestClients.CLIENT_IP_HEADER, client);
                    }
                }))
                .build());
    }

    @Override
    public int getOrder() {
        return RateLimitWebFilter.ORDER;
    }
}
