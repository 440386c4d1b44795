package com.plexichat.platform.security.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.service-client.*}: how this service calls other PlexiChat services.
 *
 * @param clientId this service's Keycloak client (its service account carries the realm role {@code service});
 *     defaults to {@code spring.application.name}
 * @param clientSecret that client's secret ({@code PLEXICHAT_SERVICE_CLIENT_SECRET}); without one no call is made
 *     and callers fall back to what they know locally
 * @param timeout the whole budget of one call: connecting, and waiting for the answer (and for a token)
 * @param services where a service is, when not {@code lb://<name>} (an instance from Eureka), e.g. in tests
 */
@ConfigurationProperties("plexichat.service-client")
public record ServiceClientProperties(
        String clientId, String clientSecret, Duration timeout, Map<String, URI> services) {

    public ServiceClientProperties {
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    boolean hasCredentials() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    URI url(String service) {
        return services.getOrDefault(service, URI.create("lb://" + service));
    }
}
