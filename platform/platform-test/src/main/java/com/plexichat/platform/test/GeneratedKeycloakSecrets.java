package com.plexichat.platform.test;

import java.util.Map;

/** Fresh Keycloak credentials per test JVM, handed to Keycloak as the environment its realm import reads. */
abstract class GeneratedKeycloakSecrets implements KeycloakInfrastructure {

    static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final String adminPassword = Secrets.random();
    private final String clientSecret = Secrets.random();
    private final String realmAdminPassword = Secrets.random() + "Aa1!";

    /** The environment variables Keycloak and the realm JSON's placeholders need. */
    Map<String, String> environment() {
        return Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                "PLEXICHAT_AUTH_CLIENT_SECRET", clientSecret,
                "PLEXICHAT_MESSAGING_CLIENT_SECRET", Secrets.random(),
                "PLEXICHAT_ADMIN_PASSWORD", realmAdminPassword);
    }

    @Override
    public String bootstrapAdminUsername() {
        return BOOTSTRAP_ADMIN;
    }

    @Override
    public String bootstrapAdminPassword() {
        return adminPassword;
    }

    @Override
    public String authClientSecret() {
        return clientSecret;
    }

    @Override
    public String realmAdminPassword() {
        return realmAdminPassword;
    }
}
