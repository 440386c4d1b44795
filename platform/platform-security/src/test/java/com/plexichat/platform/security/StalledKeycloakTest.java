package com.plexichat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.test.TestTokenIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak that accepts connections and never answers (a stalled process, a full accept queue behind a proxy):
 * a token that needs its keys is a 503 with {@code Retry-After}, answered once the bounded key-set time-out passes,
 * not a request thread held for as long as the stall lasts.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StalledKeycloakTest {

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Stalled KEYCLOAK = new Stalled();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("plexichat.security.issuer-uri", TOKENS::issuer);
        registry.add("plexichat.security.jwk-set-uri", () -> "http://127.0.0.1:" + KEYCLOAK.port() + "/certs");
        registry.add("plexichat.security.jwks-timeout", () -> "1s");
    }

    @AfterAll
    static void stop() throws IOException {
        TOKENS.close();
        KEYCLOAK.close();
    }

    @Test
    void aStalledKeycloakIsA503WithRetryAfterNotAHungRequestNorA401() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/whoami"))
                        .header("Authorization", "Bearer " + TOKENS.token(UUID.randomUUID()))
                        // Far beyond the 1 s key-set time-out: a hung request fails here instead of hanging the build.
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("127.0.0.1:" + KEYCLOAK.port());
        assertThat(KEYCLOAK.accepted()).isPositive();
    }

    /** Accepts every connection and reads nothing, answers nothing. */
    private static final class Stalled implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        Stalled() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
