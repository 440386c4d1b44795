package com.plexichat.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Buckets in this gateway's memory: right for a single gateway, and the fallback when Redis is away. */
public class LocalRateLimiter implements RateLimiter {

    // A bucket untouched for longer than the longest period is full again anyway: forgetting it changes nothing.
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(1_000_000)
            .build();

    @Override
    public Mono<Decision> consume(String key, RateLimitProperties.Limit limit) {
        Bucket bucket = buckets.get(key, k -> {
            var builder = Bucket.builder();
            for (Bandwidth bandwidth : RateLimiter.configuration(limit).getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        });
        return Mono.just(Decision.of(bucket.tryConsumeAndReturnRemaining(1), limit.limit()));
    }
}
