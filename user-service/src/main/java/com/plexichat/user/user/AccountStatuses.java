package com.plexichat.user.user;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import com.plexichat.platform.security.client.ServiceClients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A user's status belongs to admin-service (it suspends, re-activates, and has the rest of the system follow);
 * {@code PUT /v1/users/{id}} with a status asks it, so both doors apply one rule. Without admin-service (or the
 * credentials to call it) nothing changes and the caller hears 503.
 */
@Component
class AccountStatuses {

    static final String OWNER = "admin-service";

    private final ServiceClients services;

    AccountStatuses(ServiceClients services) {
        this.services = services;
    }

    /** The status admin-service now holds for the user. */
    String change(UUID userId, String status, CurrentUser caller) {
        if (!services.enabled()) {
            throw ServiceClients.unavailable(OWNER);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("changed_by", caller.id());
        JsonNode answer = services.to(OWNER)
                .put()
                .uri("/internal/users/{id}/status", userId)
                .body(body)
                .retrieve()
                .onStatus(s -> s.is4xxClientError(), (request, response) -> {
                    throw new ApiException(
                            response.getStatusCode().value() == 404
                                    ? ErrorCode.NOT_FOUND
                                    : ErrorCode.BUSINESS_RULE_VIOLATION,
                            response.getStatusCode().value() == 404
                                    ? "User not found"
                                    : "The status cannot be changed: " + response.getStatusText());
                })
                .body(JsonNode.class);
        return answer.path("data").path("status").asString(status);
    }
}
