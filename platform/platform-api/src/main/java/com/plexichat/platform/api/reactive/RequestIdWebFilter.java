package com.plexichat.platform.api.reactive;

import com.plexichat.platform.api.RequestIds;
import com.plexichat.platform.api.SecurityHeaders;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Reactive twin of the servlet filter (the gateway): settles the request id, forwards it
 * downstream in the request, and puts it and the security headers on every response.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.accept(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(h -> h.set(RequestIds.HEADER, id))
                .build();
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        mutated.getAttributes().put(RequestIds.ATTRIBUTE, id);
        mutated.getResponse().beforeCommit(() -> {
            var headers = mutated.getResponse().getHeaders();
            headers.set(RequestIds.HEADER, id);
            SecurityHeaders.ALL.forEach(headers::set);
            return Mono.empty();
        });
        return chain.filter(mutated);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
