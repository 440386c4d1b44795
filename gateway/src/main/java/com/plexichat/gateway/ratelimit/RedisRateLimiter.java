package com.plexichat.gateway.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis (compare-and-swap, Bucket4j), so every gateway replica enforces one limit.
 * Redis being slow or away must not take the API down: then each replica limits on its own until
 * Redis answers again (also when it is away at start-up).
 */
public class RedisRateLimiter implements RateLimiter, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final long RECONNECT_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final RedisClient client;
    private final Duration timeout;
    private final RateLimiter fallback;
    private final Counter fallbacks;
    private StatefulRedisConnection<String, byte[]> connection;
    private volatile AsyncProxyManager<String> buckets;
    private long lastAttempt = System.nanoTime() - RECONNECT_INTERVAL_NANOS;

    public RedisRateLimiter(String url, Duration timeout, RateLimiter fallback, MeterRegistry meters) {
        this.client = RedisClient.create(url);
        this.client.setDefaultTimeout(timeout);
        this.timeout = timeout;
        this.fallback = fallback;
        this.fallbacks = meters.counter("plexichat.gateway.ratelimit.redis.fallbacks");
        connect();
    }

    @Override
    public Mono<Decision> consume(String key, RateLimitProperties.Limit limit) {
        AsyncProxyManager<String> shared = buckets != null ? buckets : connect();
        if (shared == null) {
            fallbacks.increment();
            return fallback.consume(key, limit);
        }
        return Mono.fromFuture(() -> shared.builder()
                        .build(key, () -> CompletableFuture.completedFuture(RateLimiter.configuration(limit)))
                        .tryConsumeAndReturnRemaining(1))
                .map(probe -> Decision.of(probe, limit.limit()))
                .timeout(timeout)
                .onErrorResume(e -> {
                    fallbacks.increment();
                    log.warn("Redis rate limiting failed ({}); limiting in this gateway alone", e.toString());
                    return fallback.consume(key, limit);
                });
    }

    /** Connects unless connected or tried less than 5 s ago; Lettuce reconnects by itself afterwards. */
    private synchronized AsyncProxyManager<String> connect() {
        if (buckets != null || System.nanoTime() - lastAttempt < RECONNECT_INTERVAL_NANOS) {
            return buckets;
        }
        lastAttempt = System.nanoTime();
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            buckets = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build()
                    .asAsync();
            log.info("Rate limits shared through Redis");
        } catch (RuntimeException e) {
            log.warn("Redis is not reachable ({}); limiting in this gateway alone for now", e.toString());
        }
        return buckets;
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
