package com.plexichat.call.call;

import com.plexichat.call.CallProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every second, ringing calls older than {@code ring-timeout} become missed (each replica takes a share). */
@Component
class RingTimeouts {

    private static final Logger log = LoggerFactory.getLogger(RingTimeouts.class);

    private final CallService calls;
    private final CallProperties properties;
    private final Clock clock;

    RingTimeouts(CallService calls, CallProperties properties, Clock clock) {
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void sweep() {
        try {
            int missed = calls.missUnanswered(clock.instant().minus(properties.ringTimeout()));
            if (missed > 0) {
                log.info("{} unanswered call(s) missed", missed);
            }
        } catch (RuntimeException e) {
            log.warn("Missing unanswered calls failed; the next sweep tries again", e);
        }
    }
}
