package com.plexichat.gateway.ratelimit;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The HTTP rate limits, right after authentication (so a user's requests count as theirs, wherever
 * they come from): sign-in routes and share links per client IP, uploads and all other calls per user or API key.
 * Every limited response carries {@code RateLimit-*} (and {@code X-RateLimit-*}); a refusal is the
 * 429 envelope with {@code Retry-After}. Probes and metrics are never limited.
 */
public class RateLimitWebFilter implements WebFilter, Ordered {

    /** Right after Spring Security's filter chain (-100). */
    public static final int ORDER = -99;

    private final Supplier<Parsed> settings;
    private final RateLimiter limiter;
    private final MeterRegistry meters;

    public RateLimitWebFilter(
            LiveProperties<RateLimitProperties> properties, RateLimiter limiter, MeterRegistry meters) {
        this.settings = properties.derive(Parsed::of);
        this.limiter = limiter;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Parsed settings = this.settings.get();
        ServerHttpRequest request = exchange.getRequest();
        if (!settings.source().enabled() || request.getPath().value().startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        LimitClass limitClass = settings.classOf(request);
        RateLimitProperties.Limit limit = settings.source().limit(limitClass);
        String ip = Identities.ip(settings.clients().resolve(request));
        Mono<String> identity = limitClass == LimitClass.AUTH || limitClass == LimitClass.SHARES
                ? Mono.just(ip)
                : exchange.getPrincipal().mapNotNull(Identities::of).defaultIfEmpty(ip);
        return identity.flatMap(who -> limiter.consume(RateLimiter.bucketKey(limitClass, limit, who), limit))
                .flatMap(decision -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    writeHeaders(headers, decision);
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    meters.counter("plexichat.gateway.ratelimit.rejected", "class", limitClass.tag())
                            .increment();
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
                    return Mono.error(refusal(limitClass, decision));
                });
    }

    static void writeHeaders(HttpHeaders headers, Decision decision) {
        for (String prefix : List.of("", "X-")) {
            headers.set(prefix + "RateLimit-Limit", Long.toString(decision.limit()));
            headers.set(prefix + "RateLimit-Remaining", Long.toString(decision.remaining()));
            headers.set(prefix + "RateLimit-Reset", Long.toString(decision.resetSeconds()));
        }
    }

    static ApiException refusal(LimitClass limitClass, Decision decision) {
        return new ApiException(
                ErrorCode.RATE_LIMITED,
                "Too many requests; retry in " + decision.retryAfterSeconds() + " s",
                Map.of(
                        "limit_class", limitClass.tag(),
                        "limit", decision.limit(),
                        "retry_after_seconds", decision.retryAfterSeconds()));
    }

    ClientAddresses clients() {
        return settings.get().clients();
    }

    private record Parsed(
            RateLimitProperties source,
            List<RequestPattern> authPaths,
            List<RequestPattern> uploadPaths,
            List<RequestPattern> sharePaths,
            ClientAddresses clients) {

        static Parsed of(RateLimitProperties source) {
            return new Parsed(
                    source,
                    RequestPattern.parseAll(source.authPaths()),
                    RequestPattern.parseAll(source.uploadPaths()),
                    RequestPattern.parseAll(source.sharePaths()),
                    new ClientAddresses(source.trustedProxies()));
        }

        LimitClass classOf(ServerHttpRequest request) {
            if (RequestPattern.anyMatches(authPaths, request)) {
                return LimitClass.AUTH;
            }
            if (RequestPattern.anyMatches(uploadPaths, request)) {
                return LimitClass.UPLOADS;
            }
            return RequestPattern.anyMatches(sharePaths, request) ? LimitClass.SHARES : LimitClass.API;
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
