package com.plexichat.platform.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code plexichat.api.*}: limits every service applies alike. */
@ConfigurationProperties("plexichat.api")
public record ApiProperties(DataSize maxRequestSize) {

    public ApiProperties {
        if (maxRequestSize == null) {
            maxRequestSize = DataSize.ofMegabytes(1);
        }
    }
}
