package com.plexichat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports the real realm file into a real Keycloak and uses it the way auth-service will. Keycloak builds itself on
 * its first start (about a minute); the distribution is unpacked where platform-test's tests look for it too, so a
 * build pays that once.
 */
class KeycloakServerIT {

    private static final String ADMIN_PASSWORD = "Admin-password-123";
    private static final String CLIENT_SECRET = "client-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() {
        Path home = Path.of(
                System.getProperty("java.io.tmpdir"), "plexichat-test-keycloak-" + DevstackArtifacts.keycloakVersion());
        keycloak = new KeycloakServer(home, 0, environment(), false);
        keycloak.start();
    }

    private static Map<String, String> environment() {
        var env = new java.util.HashMap<String, String>();
        KeycloakServer.SERVICE_CLIENTS.forEach(
                service -> env.put(KeycloakServer.clientSecretVariable(service), service + "-secret"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "kcadmin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "kcadmin-password");
        env.put("PLEXICHAT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("PLEXICHAT_AUTH_CLIENT_SECRET", CLIENT_SECRET);
        return env;
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void firstAdminLogsInWithThePasswordFromTheEnvironment() throws Exception {
        JsonNode tokens = token(Map.of(
                "grant_type", "password",
                "username", "admin",
                "password", ADMIN_PASSWORD,
                "scope", "openid"));
        JsonNode access = claims(tokens.get("access_token").asText());

        assertThat(access.get("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(strings(access.get("aud"))).contains("plexichat-api");
        assertThat(strings(access.get("roles"))).contains("admin", "user");
        assertThat(strings(access.at("/realm_access/roles"))).contains("admin", "user");
        assertThat(access.get("email").asText()).isEqualTo("admin@plexichat.local");
        assertThat(access.get("exp").asLong() - access.get("iat").asLong()).isEqualTo(300);
        assertThat(access.has("sid")).isTrue();
    }

    @Test
    void serviceAccountManagesUsersAndNewUsersGetTheUserRole() throws Exception {
        String serviceToken = token(Map.of("grant_type", "client_credentials"))
                .get("access_token")
                .asText();
        String username = "user" + System.nanoTime();
        String body = JSON.writeValueAsString(Map.of(
                "username",
                username,
                "email",
                username + "@example.com",
                "enabled",
                true,
                "emailVerified",
                true,
                "attributes",
                Map.of("plexichatUserId", List.of("42")),
                "credentials",
                List.of(Map.of("type", "password", "value", "a-long-password-1", "temporary", false))));
        var create = HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/plexichat/users"))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        assertThat(HTTP.send(create, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(201);

        var tooShort = HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/plexichat/users"))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "username",
                        username + "x",
                        "email",
                        username + "x@example.com",
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", "short", "temporary", false))))))
                .build();
        assertThat(HTTP.send(tooShort, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(400);

        // No first or last name: the realm's user profile must not demand them, or the password grant would
        // answer "Account is not fully set up".
        JsonNode access = claims(token(Map.of(
                        "grant_type", "password",
                        "username", username + "@example.com",
                        "password", "a-long-password-1"))
                .get("access_token")
                .asText());
        assertThat(strings(access.get("roles"))).contains("user").doesNotContain("admin");
        assertThat(strings(access.get("aud"))).contains("plexichat-api");

        var search = HttpRequest.newBuilder(
                        URI.create(keycloak.url() + "/admin/realms/plexichat/users?exact=true&username=" + username))
                .header("Authorization", "Bearer " + serviceToken)
                .GET()
                .build();
        JsonNode users = JSON.readTree(
                HTTP.send(search, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(users.at("/0/attributes/plexichatUserId/0").asText()).isEqualTo("42");
    }

    @Test
    void usersCannotChangeTheirEmailThroughKeycloaksOwnAccountApi() throws Exception {
        String serviceToken = token(Map.of("grant_type", "client_credentials"))
                .get("access_token")
                .asText();
        String username = "console" + System.nanoTime();
        String email = username + "@example.com";
        var create = HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/plexichat/users"))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "username",
                        username,
                        "email",
                        email,
                        "enabled",
                        true,
                        "emailVerified",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", "a-long-password-1", "temporary", false))))))
                .build();
        assertThat(HTTP.send(create, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(201);
        String access = token(Map.of("grant_type", "password", "username", username, "password", "a-long-password-1"))
                .get("access_token")
                .asText();
        assertThat(strings(claims(access).at("/resource_access/account/roles")))
                .as("a user's token reaches Keycloak's account API (the account console)")
                .contains("manage-account");

        var change = HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/account/"))
                .header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "email", "attacker" + System.nanoTime() + "@example.com"))))
                .build();
        HttpResponse<String> changed = HTTP.send(change, HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as(changed.body()).isBetween(400, 499);

        var read = HttpRequest.newBuilder(
                        URI.create(keycloak.url() + "/admin/realms/plexichat/users?exact=true&username=" + username))
                .header("Authorization", "Bearer " + serviceToken)
                .GET()
                .build();
        JsonNode stored = JSON.readTree(
                HTTP.send(read, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(stored.at("/0/email").asText())
                .as("PlexiChat (verified, with the second factor) is the one place an address changes")
                .isEqualTo(email);
    }

    @Test
    void replayedRefreshTokenIsRejected() throws Exception {
        JsonNode first = token(Map.of("grant_type", "password", "username", "admin", "password", ADMIN_PASSWORD));
        String refresh = first.get("refresh_token").asText();
        assertThat(tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                        .statusCode())
                .isEqualTo(200);
        assertThat(tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                        .statusCode())
                .isEqualTo(400);
    }

    private static JsonNode token(Map<String, String> form) throws Exception {
        HttpResponse<String> response = tokenResponse(form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> tokenResponse(Map<String, String> form) throws Exception {
        var all = new LinkedHashMap<>(form);
        all.put("client_id", "auth-service");
        all.put("client_secret", CLIENT_SECRET);
        String encoded = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(node.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
