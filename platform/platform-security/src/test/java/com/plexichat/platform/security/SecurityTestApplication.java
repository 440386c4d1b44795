package com.plexichat.platform.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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
}
