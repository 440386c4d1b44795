package com.plexichat.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Keycloak of a stack that {@code ./plexichat up} started (system tests, benchmarks): its URL, and the secrets
 * devstack generated under {@code $PLEXICHAT_HOME/secrets}.
 */
public record LocalStackKeycloak(String url, Path secrets) implements KeycloakInfrastructure {

    @Override
    public String bootstrapAdminUsername() {
        return "kcadmin";
    }

    @Override
    public String bootstrapAdminPassword() {
        return read("keycloak-admin-password");
    }

    @Override
    public String authClientSecret() {
        return read("auth-client-secret");
    }

    @Override
    public String realmAdminPassword() {
        return read("admin-password");
    }

    @Override
    public String serviceClientSecret(String service) {
        return read(service.replace("-service", "") + "-client-secret");
    }

    private String read(String name) {
        try {
            return Files.readString(secrets.resolve(name)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
