package com.plexichat.gateway.edge;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A route's bulkhead full means the service is busy, not broken: the client gets 503 with {@code Retry-After}, as
 * for an open breaker, where Spring Cloud Gateway would answer 500 (it maps only an open breaker and time-outs).
 */
class FullBulkheads implements WebFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorMap(BulkheadFullException.class, full -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return new ApiException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is busy; try again shortly",
                    Map.of("reason", "service_busy"));
        });
    }
}
