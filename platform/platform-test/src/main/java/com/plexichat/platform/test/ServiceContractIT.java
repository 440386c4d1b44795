package com.plexichat.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service owes operators and clients from its first day, checked on real PostgreSQL and
 * Kafka without a config server: probes, metrics, the platform's tables, and the envelope for a
 * request without credentials. A service's test extends this with {@link IntegrationTest}.
 */
public abstract class ServiceContractIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "X-XSS-Protection", "1; mode=block",
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "Content-Security-Policy", "default-src 'self'");

    @LocalServerPort
    protected int port;

    @Value("${spring.application.name}")
    protected String applicationName;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        get("/actuator/health/liveness");
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("jvm_memory_used_bytes", "http_server_requests")
                .contains("application=\"" + applicationName + "\"");
    }

    @Test
    void ownsTheOutboxAndProcessedEventTables() {
        Integer tables = jdbc.queryForObject(
                "select count(*) from information_schema.tables where table_name in ('event_publication', 'processed_event')",
                Integer.class);
        assertThat(tables).isEqualTo(2);
    }

    @Test
    void aRequestWithoutCredentialsGetsTheUnauthorizedEnvelope() throws Exception {
        HttpResponse<String> response = get("/v1/anything", "X-Request-Id", "contract-check-1");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("meta").get("request_id").asString()).isEqualTo("contract-check-1");
        SECURITY_HEADERS.forEach((name, value) ->
                assertThat(response.headers().firstValue(name)).as(name).hasValue(value));
    }

    @Test
    void aForgedTokenIsRefusedWithTheEnvelope() throws Exception {
        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.";
        HttpResponse<String> response = get("/v1/anything", "Authorization", "Bearer " + forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asString())
                .isEqualTo("UNAUTHORIZED");
    }
}
