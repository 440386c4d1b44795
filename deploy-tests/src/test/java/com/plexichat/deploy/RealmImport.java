package com.plexichat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production's KeycloakRealmImport carries the realm inline (the operator takes no file), so it is written from the
 * realm devstack and docker-compose import, and a test fails when the two differ.
 */
final class RealmImport {

    static final String REALM = "infra/devstack/src/main/resources/keycloak/plexichat-realm.json";
    static final String FILE = "k8s/overlays/prod/keycloak-realm-import.yaml";
    static final String HOW_TO_REGENERATE = "./mvnw -pl deploy-tests verify -Dplexichat.regenerate-realm-import=true";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(PLEXICHAT_[A-Z_]+)}");

    private RealmImport() {}

    static Set<String> placeholders(String realmJson) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(realmJson);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The Secret and key each placeholder comes from (docs/operations.md lists them). */
    static String[] source(String placeholder) {
        if (placeholder.equals("PLEXICHAT_ADMIN_PASSWORD")) {
            return new String[] {"plexichat-admin", "password"};
        }
        if (placeholder.endsWith("_CLIENT_SECRET")) {
            String client = placeholder
                    .substring("PLEXICHAT_".length(), placeholder.length() - "_CLIENT_SECRET".length())
                    .toLowerCase(Locale.ROOT);
            return new String[] {"plexichat-client-secrets", client.equals("gateway") ? client : client + "-service"};
        }
        throw new IllegalStateException("no Secret known for the realm's placeholder " + placeholder);
    }

    /** Writes the file when {@code -Dplexichat.regenerate-realm-import=true} asks for it; true if it did. */
    static boolean regenerateIfAsked(Repository repository) {
        if (!Boolean.getBoolean("plexichat.regenerate-realm-import")) {
            return false;
        }
        String realmJson = repository.read(REALM);
        StringBuilder yaml = new StringBuilder()
                .append("# GENERATED from ")
                .append(REALM)
                .append(" (the realm ./plexichat up and\n")
                .append("# docker-compose import); do not edit. Regenerate: ")
                .append(HOW_TO_REGENERATE)
                .append("\n")
                .append("# The operator fills each ${...} of the realm from the Secret named under placeholders.\n")
                .append("apiVersion: k8s.keycloak.org/v2alpha1\n")
                .append("kind: KeycloakRealmImport\n")
                .append("metadata:\n")
                .append("  name: plexichat-realm\n")
                .append("spec:\n")
                .append("  keycloakCRName: plexichat-keycloak\n")
                .append("  placeholders:\n");
        for (String placeholder : placeholders(realmJson)) {
            String[] source = source(placeholder);
            yaml.append("    ").append(placeholder).append(":\n");
            yaml.append("      secret: {name: ")
                    .append(source[0])
                    .append(", key: ")
                    .append(source[1])
                    .append("}\n");
        }
        // JSON is YAML: the realm goes in as it is, indented under spec.realm.
        JsonMapper json = JsonMapper.builder().build();
        String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(realmJson));
        yaml.append("  realm:\n");
        pretty.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        try {
            Files.writeString(repository.path(FILE), yaml);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
