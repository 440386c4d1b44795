package com.plexichat.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points token validation (and auth-service's Keycloak client) at the shared Keycloak. */
@TestConfiguration(proxyBeanMethods = false)
public class KeycloakTestConfiguration {

    @Bean
    KeycloakInfrastructure keycloakInfrastructure() {
        return Infrastructure.keycloak();
    }

    @Bean
    DynamicPropertyRegistrar keycloakProperties(KeycloakInfrastructure keycloak) {
        return registry -> {
            registry.add("plexichat.security.issuer-uri", keycloak::issuer);
            registry.add("plexichat.keycloak.url", keycloak::url);
            registry.add("plexichat.keycloak.client-secret", keycloak::authClientSecret);
        };
    }
}
