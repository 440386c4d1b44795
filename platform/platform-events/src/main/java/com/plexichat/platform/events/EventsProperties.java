package com.plexichat.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.events.*}.
 *
 * @param retryInterval how often failed outbox publications are sent again
 * @param consumerRetries delivery attempts of a failing record before it goes to the DLT
 * @param consumerBackoff first back-off between attempts (doubles, at most 10 s)
 */
@ConfigurationProperties("plexichat.events")
public record EventsProperties(Duration retryInterval, Integer consumerRetries, Duration consumerBackoff) {

    public EventsProperties {
        retryInterval = retryInterval == null ? Duration.ofSeconds(5) : retryInterval;
        consumerRetries = consumerRetries == null ? 4 : consumerRetries;
        consumerBackoff = consumerBackoff == null ? Duration.ofMillis(500) : consumerBackoff;
    }
}
