package com.plexichat.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import reactor.core.publisher.Mono;

/** Token buckets by key: one per gateway in memory, or shared by every replica through Redis. */
public interface RateLimiter {

    /** Takes one token from the bucket of {@code key}, creating it full if it is new. */
    Mono<Decision> consume(String key, RateLimitProperties.Limit limit);

    /**
     * The bucket's settings are part of its key: after a limit changes, callers get fresh buckets
     * with the new settings at once, and the old ones expire.
     */
    static String bucketKey(LimitClass limitClass, RateLimitProperties.Limit limit, String identity) {
        return "plexichat:rl:" + limitClass.tag() + ":" + limit.limit() + "/"
                + limit.period().toSeconds() + ":" + identity;
    }

    static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.limit()).refillGreedy(limit.limit(), limit.period()))
                .build();
    }
}
