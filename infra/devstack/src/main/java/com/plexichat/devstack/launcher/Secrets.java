package com.plexichat.devstack.launcher;

import com.plexichat.devstack.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The local stack's secrets: generated once, then read from {@code $PLEXICHAT_HOME/secrets} (mode 600). */
record Secrets(
        Path dir,
        String keycloakAdminPassword,
        String adminPassword,
        String authClientSecret,
        String s3SecretKey,
        String authEncryptionKey,
        String filesShareSecret,
        String auditSigningKey,
        Map<String, String> serviceClientSecrets,
        Set<String> generated) {

    static final String KEYCLOAK_ADMIN_USERNAME = "kcadmin";
    static final String ADMIN_USERNAME = "admin";
    static final String S3_ACCESS_KEY = "plexichat";
    static final String ADMIN_PASSWORD_FILE = "admin-password";

    private static final SecureRandom RANDOM = new SecureRandom();

    static Secrets loadOrCreate(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                trySetPermissions(dir, "rwx------");
            }
            var generated = new HashSet<String>();
            var serviceClients = new LinkedHashMap<String, String>();
            for (String service : KeycloakServer.SERVICE_CLIENTS) {
                serviceClients.put(service, secret(dir, clientSecretFile(service), generated));
            }
            return new Secrets(
                    dir,
                    secret(dir, "keycloak-admin-password", generated),
                    secret(dir, ADMIN_PASSWORD_FILE, generated),
                    secret(dir, "auth-client-secret", generated),
                    secret(dir, "s3-secret-key", generated),
                    secret(dir, "auth-encryption-key", generated),
                    secret(dir, "files-share-secret", generated),
                    secret(dir, "audit-signing-key", generated),
                    Map.copyOf(serviceClients),
                    Set.copyOf(generated));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secrets in " + dir, e);
        }
    }

    /** e.g. {@code messaging-client-secret} for messaging-service. */
    static String clientSecretFile(String service) {
        return service.replace("-service", "") + "-client-secret";
    }

    /** The secret of the service's own Keycloak client, or null for a service without one. */
    String serviceClientSecret(String service) {
        return serviceClientSecrets.get(service);
    }

    /** What the realm JSON's placeholders read: every service client's secret. */
    Map<String, String> serviceClientVariables() {
        var variables = new LinkedHashMap<String, String>();
        serviceClientSecrets.forEach(
                (service, secret) -> variables.put(KeycloakServer.clientSecretVariable(service), secret));
        return variables;
    }

    boolean adminPasswordGenerated() {
        return generated.contains(ADMIN_PASSWORD_FILE);
    }

    private static String secret(Path dir, String name, Set<String> generated) throws IOException {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!value.isEmpty()) {
                return value;
            }
            Files.delete(file);
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // URL-safe Base64: no characters that need quoting in env vars, JSON or URLs.
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        generated.add(name);
        return value;
    }

    private static void trySetPermissions(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system; nothing better to do
        }
    }
}
