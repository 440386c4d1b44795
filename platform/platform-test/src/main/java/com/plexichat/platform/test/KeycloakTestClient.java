package com.plexichat.platform.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tests do with the shared Keycloak besides validating tokens: create users and clients through
 * the admin REST API and log in with the password grant, the way auth-service does.
 */
public final class KeycloakTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final KeycloakInfrastructure keycloak;

    public KeycloakTestClient(KeycloakInfrastructure keycloak) {
        this.keycloak = keycloak;
    }

    /** Tokens of one login. {@code sessionId} is Keycloak's {@code sid}. */
    public record Tokens(String accessToken, String refreshToken, String sessionId, JsonNode raw) {}

    /** A password-grant login through the {@code auth-service} client, as a user of the realm. */
    public Tokens login(String username, String password) {
        return login(keycloak.url(), username, password);
    }

    /**
     * The same login through another base URL of the same Keycloak (e.g. {@code http://localhost:port}):
     * Keycloak derives the issuer from the URL it is called by, so the token is validly signed but
     * names another issuer.
     */
    public Tokens login(String baseUrl, String username, String password) {
        JsonNode body = tokenRequest(
                baseUrl,
                "plexichat",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "auth-service",
                        "client_secret",
                        keycloak.authClientSecret(),
                        "username",
                        username,
                        "password",
                        password,
                        "scope",
                        "openid"));
        return tokens(body);
    }

    /** A password-grant login through any client of the realm (a public one needs no secret). */
    public Tokens loginWithClient(String clientId, String username, String password) {
        return tokens(tokenRequest(
                keycloak.url(),
                "plexichat",
                Map.of(
                        "grant_type", "password",
                        "client_id", clientId,
                        "username", username,
                        "password", password)));
    }

    /** Creates an enabled user with a verified email and the realm role {@code user}; returns its id. */
    public UUID createUser(String username, String password) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("email", username + "@example.test");
        user.put("emailVerified", true);
        user.put("enabled", true);
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = admin("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "Creating user " + username + ": " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        JsonNode role = JSON.readTree(admin("GET", "/roles/user", null).body());
        HttpResponse<String> mapped = admin("POST", "/users/" + id + "/role-mappings/realm", List.of(role));
        if (mapped.statusCode() != 204) {
            throw new IllegalStateException("Giving " + username + " the role user: " + mapped.statusCode());
        }
        return id;
    }

    /** Creates a client in the realm unless one with its clientId exists. */
    public void ensureClient(Map<String, Object> representation) {
        HttpResponse<String> response = admin("POST", "/clients", representation);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("Creating client: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * A public client with direct access grants whose access tokens carry our audience and live as long
     * as asked (seconds): short to see tokens expire, long for benchmarks.
     */
    public void ensurePublicClient(String clientId, int accessTokenLifespanSeconds) {
        ensureClient(Map.of(
                "clientId",
                clientId,
                "publicClient",
                true,
                "directAccessGrantsEnabled",
                true,
                "standardFlowEnabled",
                false,
                "attributes",
                Map.of("access.token.lifespan", Integer.toString(accessTokenLifespanSeconds)),
                "protocolMappers",
                List.of(Map.of(
                        "name", "plexichat-api-audience",
                        "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.client.audience", "plexichat-api", "access.token.claim", "true")))));
    }

    /** A call to the realm's admin REST API ({@code /admin/realms/plexichat + path}) as the bootstrap admin. */
    public HttpResponse<String> admin(String method, String path, Object body) {
        String token = tokenRequest(
                        keycloak.url(),
                        "master",
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "admin-cli",
                                "username",
                                keycloak.bootstrapAdminUsername(),
                                "password",
                                keycloak.bootstrapAdminPassword()))
                .get("access_token")
                .asString();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(keycloak.url() + "/admin/realms/plexichat" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return send(request.build());
    }

    private static Tokens tokens(JsonNode body) {
        String access = body.get("access_token").asString();
        String payload =
                new String(java.util.Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = JSON.readTree(payload);
        String sid = claims.hasNonNull("sid") ? claims.get("sid").asString() : null;
        String refresh =
                body.hasNonNull("refresh_token") ? body.get("refresh_token").asString() : null;
        return new Tokens(access, refresh, sid, body);
    }

    private static JsonNode tokenRequest(String baseUrl, String realm, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Token request to " + realm + " failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
