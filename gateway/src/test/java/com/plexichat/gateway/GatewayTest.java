package com.plexichat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.api.SecurityHeaders;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with the real routes of config-repo/gateway.yml, without Eureka or the config server:
 * a stand-in auth-service is known through the simple discovery client; user-service has no
 * instance at all.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.config.enabled=false",
            "eureka.client.enabled=false",
            "spring.config.import=file:../config-repo/gateway.yml",
            "plexichat.gateway.services=auth-service"
        })
class GatewayTest {

    private static final AtomicReference<String> forwardedRequestId = new AtomicReference<>();
    private static final HttpServer AUTH_SERVICE = startAuthService();

    // HTTP/1.1: the JDK client's default h2c upgrade offer can leave a request to the gateway (Reactor Netty)
    // unanswered; a timeout turns any hang into a failure instead of a stalled build.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.discovery.client.simple.instances.auth-service[0].uri",
                () -> "http://127.0.0.1:" + AUTH_SERVICE.getAddress().getPort());
        registry.add(
                "spring.cloud.discovery.client.simple.instances.auth-service[0].instance-id",
                () -> "auth-service:test");
    }

    @AfterAll
    static void stop() {
        AUTH_SERVICE.stop(0);
    }

    @Test
    void routesToTheServiceAndForwardsTheRequestId() throws Exception {
        HttpResponse<String> response = get("/v1/auth/me", "routed-42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"from\":\"auth-service\"");
        assertThat(forwardedRequestId.get()).isEqualTo("routed-42");
        assertSecurityHeaders(response, "routed-42");
    }

    @Test
    void anUnknownPathIsTheNotFoundEnvelope() throws Exception {
        HttpResponse<String> response = get("/v1/nothing-here", null);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").get("code").asString()).isEqualTo("NOT_FOUND");
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(body.get("meta").get("request_id").asString()).isEqualTo(id);
        assertSecurityHeaders(response, id);
    }

    @Test
    void aServiceWithoutInstancesIsTheUnavailableEnvelope() throws Exception {
        HttpResponse<String> response = get("/v1/users/123", "no-instance-1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asString())
                .isEqualTo("SERVICE_UNAVAILABLE");
        assertSecurityHeaders(response, "no-instance-1");
    }

    @Test
    void healthReportsEveryExpectedServiceAndItsInstances() throws Exception {
        HttpResponse<String> response = get("/v1/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode service =
                JSON.readTree(response.body()).get("data").get("services").get(0);
        assertThat(service.get("name").asString()).isEqualTo("auth-service");
        assertThat(service.get("status").asString()).isEqualTo("UP");
        assertThat(service.get("instances").get(0).get("instance_id").asString())
                .isEqualTo("auth-service:test");
    }

    @Test
    void exposesProbesAndPrometheus() throws Exception {
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(30));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(HttpResponse<String> response, String requestId) {
        SecurityHeaders.ALL.forEach((name, value) ->
                assertThat(response.headers().allValues(name)).as(name).containsExactly(value));
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
    }

    private static HttpServer startAuthService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body = (path.equals("/actuator/health/readiness")
                                ? "{\"status\":\"UP\"}"
                                : "{\"from\":\"auth-service\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (!path.startsWith("/actuator")) {
                    forwardedRequestId.set(exchange.getRequestHeaders().getFirst("X-Request-Id"));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
