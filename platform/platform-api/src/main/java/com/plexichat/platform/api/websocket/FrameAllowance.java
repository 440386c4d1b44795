package com.plexichat.platform.api.websocket;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/** How many frames a client may send a minute (refilled smoothly), and how many it was refused in a row. */
public final class FrameAllowance {

    private final Bucket frames;
    private int refusedInARow;

    public FrameAllowance(int framesPerMinute) {
        this.frames = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(framesPerMinute)
                        .refillGreedy(framesPerMinute, Duration.ofMinutes(1))
                        .build())
                .build();
    }

    /** Counts a client frame against the limit; false when over it. */
    public synchronized boolean admit() {
        if (frames.tryConsume(1)) {
            refusedInARow = 0;
            return true;
        }
        refusedInARow++;
        return false;
    }

    public synchronized int refusedInARow() {
        return refusedInARow;
    }
}
