package com.plexichat.channel.orgmember;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.security.client.ServiceClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Asks org-service's internal membership check ({@code GET /internal/organizations/{id}/members/{user}}) with this
 * service's own credentials, on a replica miss only. A down org-service is the 503 envelope (the platform client),
 * not a wrong "not a member".
 */
@Component
class OrgServiceClient {

    static final String SERVICE = "org-service";

    private final ServiceClients services;
    private final MeterRegistry meters;

    OrgServiceClient(ServiceClients services, MeterRegistry meters) {
        this.services = services;
        this.meters = meters;
    }

    /**
     * Counted as {@code plexichat.org.lookups{outcome}}: how often the replica was behind (member, outsider) and how
     * often org-service could not answer (unavailable). Without service credentials the replica alone decides.
     */
    Optional<String> role(UUID organizationId, UUID userId) {
        if (!services.enabled()) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = services.to(SERVICE)
                    .get()
                    .uri("/internal/organizations/{organization}/members/{user}", organizationId, userId)
                    .retrieve()
                    .onStatus(status -> status.value() == 404, (request, response) -> {})
                    .body(JsonNode.class);
        } catch (ApiException unavailable) {
            count("unavailable");
            throw unavailable;
        }
        JsonNode role = body == null ? null : body.path("data").get("role");
        if (role == null || !role.isString()) {
            count("outsider");
            return Optional.empty();
        }
        count("member");
        return Optional.of(role.asString());
    }

    private void count(String outcome) {
        meters.counter("plexichat.org.lookups", "outcome", outcome).increment();
    }
}
