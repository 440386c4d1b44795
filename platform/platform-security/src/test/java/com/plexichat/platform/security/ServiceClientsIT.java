package com.plexichat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.devstack.process.Ports;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.Infrastructure;
import com.plexichat.platform.test.KeycloakInfrastructure;
import com.plexichat.platform.test.KeycloakTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service-to-service client against the real Keycloak: a service's call carries its own service account's
 * token (reused, not fetched per call) and the request id; a callee that cannot answer is the 503 envelope.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ServiceClientsIT {

    private static final KeycloakInfrastructure KEYCLOAK = Infrastructure.keycloak();
    private static final int PORT = Ports.free();
    private static final int CLOSED_PORT = Ports.free();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static String userToken;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("plexichat.security.issuer-uri", KEYCLOAK::issuer);
        registry.add("plexichat.service-client.client-id", () -> "messaging-service");
        registry.add("plexichat.service-client.client-secret", () -> KEYCLOAK.serviceClientSecret("messaging-service"));
        registry.add("plexichat.service-client.services.self", () -> "http://127.0.0.1:" + PORT);
        registry.add("plexichat.service-client.services.down", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @BeforeAll
    static void user() {
        KeycloakTestClient keycloak = new KeycloakTestClient(KEYCLOAK);
        String username = "sc-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.createUser(username, "service client passphrase");
        userToken = keycloak.login(username, "service client passphrase").accessToken();
    }

    @Test
    void aCallCarriesTheServiceAccountsTokenReusedAndTheRequestId() throws Exception {
        HttpResponse<String> first = relay("/v1/relay/self", "sc-request-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode seen = ApiClient.JSON.readTree(first.body());
        assertThat(seen.get("roles").valueStream().map(JsonNode::asString))
                .as("the callee sees the service account, not the user")
                .contains("service");
        assertThat(seen.get("request_id").asString()).isEqualTo("sc-request-1");

        HttpResponse<String> second = relay("/v1/relay/self", "sc-request-2");
        JsonNode again = ApiClient.JSON.readTree(second.body());
        assertThat(again.get("request_id").asString()).isEqualTo("sc-request-2");
        assertThat(again.get("token_sha256").asString())
                .as("the token is reused until it expires")
                .isEqualTo(seen.get("token_sha256").asString());
        assertThat(again.get("id").asString()).isEqualTo(seen.get("id").asString());
    }

    @Test
    void aStoppedCalleeANonexistentOneAndAFailingOneAreTheUnavailableEnvelope() throws Exception {
        for (String path : List.of("/v1/relay/down", "/v1/relay/nowhere", "/v1/relay/self?path=/internal/fail")) {
            HttpResponse<String> refused = relay(path, "sc-down");
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(503);
            JsonNode body = ApiClient.JSON.readTree(refused.body());
            assertThat(body.get("error").get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(body.get("error").get("details").get("reason").asString())
                    .isEqualTo("dependency_unavailable");
            assertThat(body.get("meta").get("request_id").asString()).isEqualTo("sc-down");
            assertThat(refused.body()).as("no internals").doesNotContain("Exception", "127.0.0.1");
        }
    }

    private static HttpResponse<String> relay(String path, String requestId) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                        .header("Authorization", "Bearer " + userToken)
                        .header("X-Request-Id", requestId)
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
