package com.plexichat.gateway.health;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.gateway.*}.
 *
 * @param services the services {@code GET /v1/health} expects registered and healthy
 * @param healthTimeout how long one instance may take to answer its readiness probe
 */
@ConfigurationProperties("plexichat.gateway")
public record HealthProperties(List<String> services, Duration healthTimeout) {

    public HealthProperties {
        services = services == null ? List.of() : List.copyOf(services);
        healthTimeout = healthTimeout == null ? Duration.ofSeconds(2) : healthTimeout;
    }
}
