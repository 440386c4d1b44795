package com.plexichat.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * One request's verdict, in the terms of the {@code RateLimit-*} headers.
 *
 * @param resetSeconds until the bucket is full again
 * @param retryAfterSeconds until the next request would be let through (0 when allowed)
 */
public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static Decision of(ConsumptionProbe probe, long limit) {
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new Decision(
                probe.isConsumed(),
                limit,
                Math.max(0, probe.getRemainingTokens()),
                seconds(probe.getNanosToWaitForReset()),
                retryAfter);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
