package com.plexichat.platform.test;

import com.plexichat.devstack.KeycloakServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fresh Keycloak credentials per test JVM, handed to Keycloak as the environment its realm import reads. */
abstract class GeneratedKeycloakSecrets implements KeycloakInfrastructure {

    static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final String adminPassword = Secrets.random();
    private final String clientSecret = Secrets.random();
    private final String realmAdminPassword = Secrets.random() + "Aa1!";

    private final Map<String, String> serviceClientSecrets = serviceClientSecrets();

    private static Map<String, String> serviceClientSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        KeycloakServer.SERVICE_CLIENTS.forEach(service -> secrets.put(service, Secrets.random()));
        return Map.copyOf(secrets);
    }

    /** The environment variables Keycloak and the realm JSON's placeholders need. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        serviceClientSecrets.forEach(
                (service, secret) -> env.put(KeycloakServer.clientSecretVariable(service), secret));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("PLEXICHAT_AUTH_CLIENT_SECRET", clientSecret);
        env.put("PLEXICHAT_ADMIN_PASSWORD", realmAdminPassword);
        return env;
    }

    @Override
    public String serviceClientSecret(String service) {
        String secret = serviceClientSecrets.get(service);
        if (secret == null) {
            throw new IllegalArgumentException(service + " has no Keycloak client; see KeycloakServer.SERVICE_CLIENTS");
        }
        return secret;
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
