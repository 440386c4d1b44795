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
        Optional<JsonNode> member;
        try {
            member = services.find(
                    SERVICE, "/internal/organizations/{organization}/members/{user}", organizationId, userId);
        } catch (ApiException unavailable) {
            count("unavailable");
            throw unavailable;
        }
        Optional<String> role =
                member.map(data -> data.path("role")).filter(JsonNode::isString).map(JsonNode::asString);
        count(role.isPresent() ? "member" : "outsider");
        return role;
    }

    private void count(String outcome) {
        meters.counter("plexichat.org.lookups", "outcome", outcome).increment();
    }
}
