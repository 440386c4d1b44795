package com.plexichat.platform.security;

import com.plexichat.platform.api.RequestIds;
import com.plexichat.platform.security.client.ServiceClients;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A stand-in service protected by platform-security. */
@SpringBootApplication
class SecurityTestApplication {

    static final String VALID_API_KEY = "pk_test_valid";
    static final UUID API_CLIENT = UUID.fromString("00000000-0000-0000-0000-00000000a11e");

    @Bean
    ApiKeyAuthenticator apiKeys() {
        return key -> VALID_API_KEY.equals(key)
                ? Optional.of(new CurrentUser(API_CLIENT, "integration-bot", Set.of("service"), true))
                : Optional.empty();
    }

    @RestController
    static class WhoAmIController {

        @GetMapping("/v1/whoami")
        Map<String, Object> whoami(CurrentUser user) {
            return Map.of(
                    "id",
                    user.id().toString(),
                    "roles",
                    user.roles(),
                    "admin",
                    user.isAdmin(),
                    "api_key",
                    user.apiKey());
        }
    }

    /** A caller of other services (ServiceClientsIT): its callee is this same application, or nothing. */
    @RestController
    static class RelayController {

        private final ServiceClients services;

        RelayController(ServiceClients services) {
            this.services = services;
        }

        /** What the callee saw of a service call: who called, with which token, under which request id. */
        @GetMapping("/internal/whoami")
        Map<String, Object> internal(
                CurrentUser caller,
                @RequestHeader("Authorization") String authorization,
                @RequestHeader(value = RequestIds.HEADER, required = false) String requestId) {
            return Map.of(
                    "id",
                    caller.id().toString(),
                    "roles",
                    caller.roles(),
                    "token_sha256",
                    com.plexichat.platform.security.client.StoredApiKeys.hash(authorization),
                    "request_id",
                    String.valueOf(requestId));
        }

        @GetMapping("/internal/fail")
        ResponseEntity<String> fail() {
            return ResponseEntity.internalServerError().body("{}");
        }

        @GetMapping("/v1/relay/{service}")
        JsonNode relay(@PathVariable String service, @RequestParam(defaultValue = "/internal/whoami") String path) {
            return services.to(service).get().uri(path).retrieve().body(JsonNode.class);
        }
    }
}
