package com.plexichat.platform.api;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code plexichat.api.*}: limits every service applies alike.
 *
 * @param maxRequestSize the largest body a request may declare
 * @param streamedPaths paths (Ant patterns) whose bodies their endpoint reads as a stream and limits itself while
 *     it reads (uploads); the declared length is not checked for them
 */
@ConfigurationProperties("plexichat.api")
public record ApiProperties(DataSize maxRequestSize, List<String> streamedPaths) {

    public ApiProperties {
        if (maxRequestSize == null) {
            maxRequestSize = DataSize.ofMegabytes(1);
        }
        streamedPaths = streamedPaths == null ? List.of() : List.copyOf(streamedPaths);
    }
}
