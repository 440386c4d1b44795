package com.plexichat.gateway.edge;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import java.util.Map;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A route that refuses a call before it reaches the service tells the client when to come back: a full bulkhead
 * (the service is busy) is 503 {@code service_busy} with {@code Retry-After: 1}, an open breaker 503 {@code
 * circuit_open} with the breaker's wait. Left alone, both were answered 500.
 */
class RouteRefusals implements WebFilter {

    private final String breakerWaitSeconds;

    RouteRefusals(Duration breakerWait) {
        this.breakerWaitSeconds = Long.toString(Math.max(1, breakerWait.toSeconds()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange)
                .onErrorMap(
                        failure -> causedBy(failure, BulkheadFullException.class),
                        full -> refusal(exchange, "1", "The service is busy; try again shortly", "service_busy"))
                // Spring Cloud Gateway's breaker filter turns CallNotPermittedException into its own
                // ServiceUnavailableException, a plain exception without a status or cause: it was answered 500.
                .onErrorMap(
                        failure -> causedBy(failure, CallNotPermittedException.class)
                                || causedBy(failure, ServiceUnavailableException.class),
                        open -> refusal(
                                exchange,
                                breakerWaitSeconds,
                                "The service is failing; calls resume shortly",
                                "circuit_open"));
    }

    private static ApiException refusal(ServerWebExchange exchange, String retryAfter, String message, String reason) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, message, Map.of("reason", reason));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
