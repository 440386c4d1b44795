package com.plexichat.platform.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code meta} block every response carries. */
public record Meta(Instant timestamp, String requestId) {

    public static Meta now(String requestId) {
        return new Meta(Instant.now().truncatedTo(ChronoUnit.MILLIS), requestId);
    }
}
