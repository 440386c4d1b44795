package com.plexichat.admin.health;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.admin.health.*}.
 *
 * @param services what must be registered (others that are, show too)
 * @param timeout how long any one check may take
 * @param s3Endpoint the object store, checked for an answer (any HTTP status: it needs signed requests)
 * @param smtpHost the mail relay, checked for its {@code 220} greeting
 */
@ConfigurationProperties("plexichat.admin.health")
record HealthProperties(List<String> services, Duration timeout, URI s3Endpoint, String smtpHost, Integer smtpPort) {

    HealthProperties {
        services = services == null ? List.of() : List.copyOf(services);
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        smtpPort = smtpPort == null ? 25 : smtpPort;
    }
}
