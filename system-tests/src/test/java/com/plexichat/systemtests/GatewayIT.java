package com.plexichat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plexichat.devstack.process.Ports;
import com.plexichat.platform.api.SecurityHeaders;
import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.test.ForgedTokens;
import com.plexichat.platform.test.Infrastructure;
import com.plexichat.platform.test.KeycloakInfrastructure;
import com.plexichat.platform.test.KeycloakTestClient;
import com.plexichat.platform.test.KeycloakTestClient.Tokens;
import com.plexichat.platform.test.RecordingWebSocket;
import com.plexichat.systemtests.fixture.FixtureService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's jar, twice (two replicas sharing their rate limits through Redis), in front of a real
 * downstream service (platform-security resource server on PostgreSQL), with Keycloak's real tokens
 * and revocations arriving over Kafka: what API clients see at the one URL they know.
 */
class GatewayIT {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    private static final String PASSWORD = "correct-horse-battery-9";
    private static final String SHORT_LIVED_CLIENT = "gateway-it-short-lived";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper API_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static KeycloakInfrastructure keycloak;
    private static KeycloakTestClient users;
    private static KafkaProducer<String, byte[]> kafka;
    private static ConfigurableApplicationContext service;
    private static JdbcTemplate serviceDatabase;
    private static Path overrides;
    private static int stoppableServicePort;
    private static GatewayProcess gateway;
    private static GatewayProcess replica;
    private static List<String> gatewayJvm;
    private static List<String> gatewayArguments;
    private static Map<String, String> gatewayEnvironment;

    @BeforeAll
    static void start() throws Exception {
        keycloak = Infrastructure.keycloak();
        users = new KeycloakTestClient(keycloak);
        users.ensurePublicClient(SHORT_LIVED_CLIENT, 2);
        String bootstrap = Infrastructure.kafka().bootstrapServers();
        kafka = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

        service = FixtureService.start(serviceProperties(0));
        serviceDatabase = service.getBean(JdbcTemplate.class);
        int servicePort = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        stoppableServicePort = Ports.free();

        overrides = Path.of("target/gateway-it/overrides.yml").toAbsolutePath();
        Files.createDirectories(overrides.getParent());
        writeOverrides(3);

        List<String> arguments = new ArrayList<>(List.of(
                "--spring.config.import=file:" + GatewayProcess.ROOT.resolve("config-repo/application.yml") + ",file:"
                        + GatewayProcess.ROOT.resolve("config-repo/gateway.yml") + ",optional:file:" + overrides,
                "--plexichat.gateway.services=user-service",
                "--plexichat.gateway.config-refresh-interval=1s",
                "--plexichat.gateway.rate-limits.redis-url="
                        + Infrastructure.redis().uri(),
                "--plexichat.security.clock-skew=0s",
                // A loaded 2-core machine, not a Redis outage: no fallback to per-replica limits here.
                "--plexichat.gateway.rate-limits.redis-timeout=5s",
                "--spring.cloud.gateway.server.webflux.httpclient.response-timeout=" + RESPONSE_TIMEOUT.toMillis(),
                "--spring.cloud.discovery.client.simple.instances.org-service[0].uri=http://127.0.0.1:"
                        + stoppableServicePort));
        for (String name :
                List.of("auth-service", "user-service", "file-service", "channel-service", "messaging-service")) {
            arguments.add("--spring.cloud.discovery.client.simple.instances." + name + "[0].uri=http://127.0.0.1:"
                    + servicePort);
        }
        Map<String, String> environment =
                Map.of("PLEXICHAT_KEYCLOAK_URL", keycloak.url(), "PLEXICHAT_KAFKA_BOOTSTRAP", bootstrap);
        List<String> jvm = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m");
        gatewayJvm = jvm;
        gatewayArguments = arguments;
        gatewayEnvironment = environment;
        gateway = GatewayProcess.start("gateway-it-1", jvm, arguments, environment);
        replica = GatewayProcess.start("gateway-it-2", jvm, arguments, environment);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {gateway, replica, service, kafka}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aValidKeycloakTokenPassesToTheServiceWhichAnswersFromItsDatabase() throws Exception {
        User user = newUser();
        serviceDatabase.update(
                "insert into fixture_user (id, username, display_name) values (?, ?, ?)",
                user.id(),
                user.username(),
                "Ada " + user.username());

        HttpResponse<String> response = send(
                gateway,
                get("/v1/users/" + user.id(), user.tokens().accessToken()).header("X-Request-Id", "it-ok-1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).get("data");
        assertThat(data.get("username").asString()).isEqualTo(user.username());
        assertThat(JSON.readTree(response.body()).get("meta").get("request_id").asString())
                .isEqualTo("it-ok-1");
        assertHeaders(response, "it-ok-1");
        assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("20");

        // The service checked the token too and saw the Keycloak user.
        JsonNode caller = JSON.readTree(
                        send(gateway, get("/v1/channels", user.tokens().accessToken()))
                                .body())
                .get("data");
        assertThat(caller.get("id").asString()).isEqualTo(user.id().toString());
    }

    @Test
    void expiredForeignForgedAndTamperedTokensAreEachTheUnauthorizedEnvelope() throws Exception {
        User user = newUser();
        String valid = user.tokens().accessToken();
        String jwks = keycloak.issuer() + "/protocol/openid-connect/certs";

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another issuer (Keycloak's master realm)", masterRealmToken());
        refused.put(
                "another audience (the realm's admin-cli)",
                users.loginWithClient("admin-cli", user.username(), PASSWORD).accessToken());
        refused.put("alg none", ForgedTokens.unsigned(valid));
        refused.put(
                "HS256 keyed with the public key",
                ForgedTokens.hs256WithPublicKey(valid, ForgedTokens.publicKeyFor(valid, jwks)));
        refused.put("tampered payload", ForgedTokens.tampered(valid));
        for (var forged : refused.entrySet()) {
            HttpResponse<String> response;
            try {
                response = send(gateway, get("/v1/channels", forged.getValue()));
            } catch (AssertionError unanswered) {
                // Which token the gateway did not answer is the first thing to know about such a hang.
                throw new AssertionError(
                        "with a token of " + forged.getKey() + ": " + unanswered.getMessage(), unanswered);
            }
            assertUnauthorized(response, forged.getKey());
        }

        String shortLived = users.loginWithClient(SHORT_LIVED_CLIENT, user.username(), PASSWORD)
                .accessToken();
        assertThat(send(gateway, get("/v1/channels", shortLived)).statusCode())
                .as("fresh short-lived token")
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> expired = send(gateway, get("/v1/channels", shortLived));
                    assertUnauthorized(expired, "expired");
                    assertThat(JSON.readTree(expired.body())
                                    .get("error")
                                    .get("details")
                                    .get("reason")
                                    .asString())
                            .isEqualTo("expired");
                });

        assertThat(send(gateway, get("/v1/channels", valid)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedSessionIsRefusedWithinASecondOfTheEventByEveryReplica() throws Exception {
        // The first revocation proves the gateways' consumers are live (they read back on assignment anyway).
        User warmUp = newUser();
        publish(
                SessionRevoked.TYPE,
                warmUp.id().toString(),
                new SessionRevoked(warmUp.id(), warmUp.tokens().sessionId(), Instant.now()));
        for (GatewayProcess instance : List.of(gateway, replica)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            send(instance, get("/v1/channels", warmUp.tokens().accessToken()))
                                            .statusCode()
                                    == 401);
        }

        User user = newUser();
        Tokens otherSession = users.login(user.username(), PASSWORD);
        assertThat(send(gateway, get("/v1/channels", user.tokens().accessToken()))
                        .statusCode())
                .isEqualTo(200);

        publish(
                SessionRevoked.TYPE,
                user.id().toString(),
                new SessionRevoked(user.id(), user.tokens().sessionId(), Instant.now()));
        long published = System.nanoTime();
        HttpResponse<String> refused = null;
        while (System.nanoTime() - published < Duration.ofSeconds(5).toNanos()) {
            refused = send(gateway, get("/v1/channels", user.tokens().accessToken()));
            if (refused.statusCode() == 401) {
                break;
            }
            Thread.sleep(10);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - published);
        System.out.printf("GatewayIT: revoked session refused %d ms after the event%n", latency.toMillis());
        assertUnauthorized(refused, "revoked session");
        assertThat(JSON.readTree(refused.body())
                        .get("error")
                        .get("details")
                        .get("reason")
                        .asString())
                .isEqualTo("revoked");
        assertThat(latency).isLessThan(Duration.ofSeconds(1));
        assertThat(send(replica, get("/v1/channels", user.tokens().accessToken()))
                        .statusCode())
                .isEqualTo(401);

        // Only that session ended; revoking all of the user's sessions ends the other one too.
        assertThat(send(gateway, get("/v1/channels", otherSession.accessToken()))
                        .statusCode())
                .isEqualTo(200);
        // Tokens carry whole seconds; a revocation covers those issued in an earlier second.
        Thread.sleep(1100);
        publish(SessionRevoked.TYPE, user.id().toString(), new SessionRevoked(user.id(), null, Instant.now()));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> send(gateway, get("/v1/channels", otherSession.accessToken()))
                                .statusCode()
                        == 401);
        assertThat(users.login(user.username(), PASSWORD).accessToken())
                .as("a new login after the revocation")
                .satisfies(fresh -> assertThat(
                                send(gateway, get("/v1/channels", fresh)).statusCode())
                        .isEqualTo(200));
    }

    @Test
    void aGatewayRestartedAfterARevocationStillRefusesTheRevokedSession() throws Exception {
        User user = newUser();
        publish(
                SessionRevoked.TYPE,
                user.id().toString(),
                new SessionRevoked(user.id(), user.tokens().sessionId(), Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send(replica, get("/v1/channels", user.tokens().accessToken()))
                                .statusCode()
                        == 401);

        // The revocation happened while the replica ran; the new process has never seen it arrive.
        replica.close();
        replica = GatewayProcess.start("gateway-it-2", gatewayJvm, gatewayArguments, gatewayEnvironment);
        HttpResponse<String> refused =
                send(replica, get("/v1/channels", user.tokens().accessToken()));
        assertUnauthorized(refused, "a session revoked before the gateway started");
        assertThat(JSON.readTree(refused.body())
                        .get("error")
                        .get("details")
                        .get("reason")
                        .asString())
                .isEqualTo("revoked");
        assertThat(send(
                                replica,
                                get(
                                        "/v1/channels",
                                        users.login(user.username(), PASSWORD).accessToken()))
                        .statusCode())
                .as("a new session of the same user")
                .isEqualTo(200);
    }

    @Test
    void aRevokedSessionsWebSocketIsClosedByTheReplicaRelayingIt() throws Exception {
        User user = newUser();
        Tokens otherSession = users.login(user.username(), PASSWORD);
        RecordingWebSocket revoked = RecordingWebSocket.connect(
                HTTP,
                URI.create("ws://127.0.0.1:" + gateway.port() + "/v1/ws/connect?token="
                        + user.tokens().accessToken()));
        RecordingWebSocket kept = RecordingWebSocket.connect(
                HTTP,
                URI.create("ws://127.0.0.1:" + replica.port() + "/v1/ws/connect?token=" + otherSession.accessToken()));
        publish(
                SessionRevoked.TYPE,
                user.id().toString(),
                new SessionRevoked(user.id(), user.tokens().sessionId(), Instant.now()));
        assertThat(revoked.closeCode(Duration.ofSeconds(5))).as("log in again").isEqualTo(4401);
        kept.send("still here");
        await().atMost(Duration.ofSeconds(5)).until(() -> !kept.received().isEmpty());

        // The whole account (a suspension): every socket of the user, on every replica, tokens of this second too.
        publish(
                SessionRevoked.TYPE,
                user.id().toString(),
                new SessionRevoked(user.id(), null, Instant.now(), SessionRevoked.SUSPENDED));
        assertThat(kept.closeCode(Duration.ofSeconds(5))).isEqualTo(4401);
        assertUnauthorized(send(replica, get("/v1/channels", otherSession.accessToken())), "suspended account");
    }

    @Test
    void aSocketUrlsTokenReachesTheServiceAsAHeaderAndNeverInTheUrl() throws Exception {
        User user = newUser();
        RecordingWebSocket socket = RecordingWebSocket.connect(
                HTTP,
                URI.create("ws://127.0.0.1:" + gateway.port() + "/v1/ws/connect?after_seq=0&token="
                        + user.tokens().accessToken()));
        socket.send("handshake");
        await().atMost(Duration.ofSeconds(5)).until(() -> !socket.received().isEmpty());
        assertThat(socket.received().getFirst()).isEqualTo("handshake query=after_seq=0 authorization=bearer");
        assertThatThrownBy(() -> RecordingWebSocket.connect(
                        HTTP, URI.create("ws://127.0.0.1:" + gateway.port() + "/v1/ws/connect?token=forged")))
                .as("a bad token in the URL is still refused at the handshake")
                .rootCause()
                .hasMessageContaining("401");
    }

    @Test
    void aUsersWebSocketFramesHaveABudgetOfTheirOwn() throws Exception {
        User user = newUser();
        RecordingWebSocket socket = RecordingWebSocket.connect(
                HTTP,
                URI.create("ws://127.0.0.1:" + gateway.port() + "/v1/ws/connect?token="
                        + user.tokens().accessToken()));
        assertFrameBudget(socket);
    }

    /** Three frames relayed, the fourth answered with an error frame, the fifth closes the socket (1008). */
    static void assertFrameBudget(RecordingWebSocket socket) throws Exception {
        for (int i = 1; i <= 3; i++) {
            socket.send("{\"type\":\"typing\",\"n\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.received().size() == 3);
        assertThat(socket.received()).allMatch(frame -> frame.startsWith("echo:"));

        socket.send("{\"type\":\"typing\",\"n\":4}");
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.received().size() == 4);
        JsonNode error = JSON.readTree(socket.received().get(3));
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.get("data").get("code").asString()).isEqualTo("RATE_LIMITED");

        socket.send("{\"type\":\"typing\",\"n\":5}");
        assertThat(socket.closeCode(Duration.ofSeconds(10)))
                .as("closed for policy violation")
                .isEqualTo(1008);
    }

    @Test
    void limitsChangeWithoutARestart() throws Exception {
        try {
            writeOverrides(1);
            for (GatewayProcess instance : List.of(gateway, replica)) {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> send(
                                        instance,
                                        post("/v1/auth/login", "{}", null).header("X-Forwarded-For", randomIp()))
                                .headers()
                                .firstValue("RateLimit-Limit")
                                .orElse("")
                                .equals("1"));
            }
            String client = randomIp();
            assertExactLimit(1, () -> post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client), "auth");
        } finally {
            writeOverrides(3);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> send(
                                    gateway, post("/v1/auth/login", "{}", null).header("X-Forwarded-For", randomIp()))
                            .headers()
                            .firstValue("RateLimit-Limit")
                            .orElse("")
                            .equals("3"));
        }
    }

    @Test
    void unknownPathsAndVersionsAreNotFoundWithTheEnvelope() throws Exception {
        User user = newUser();
        HttpResponse<String> unknownPath =
                send(gateway, get("/v1/no-such-thing", user.tokens().accessToken()));
        assertError(unknownPath, 404, "NOT_FOUND");

        HttpResponse<String> unknownVersion = send(gateway, get("/v2/x", null));
        assertError(unknownVersion, 404, "NOT_FOUND");
        assertThat(JSON.readTree(unknownVersion.body())
                        .get("error")
                        .get("message")
                        .asString())
                .contains("Unknown API version v2");
    }

    @Test
    void aStoppedServiceIsTheUnavailableEnvelopeAndASlowOneTheTimeoutEnvelopeNeverAHang() throws Exception {
        User user = newUser();
        Map<String, Object> properties = serviceProperties(stoppableServicePort);
        try (ConfigurableApplicationContext orgService = FixtureService.start(properties)) {
            assertThat(send(gateway, get("/v1/organizations", user.tokens().accessToken()))
                            .statusCode())
                    .isEqualTo(200);
        }
        // The client waits no longer than the gateway's configured time-out (plus a margin for the
        // machine): a hanging gateway fails this test instead of answering late.
        HttpResponse<String> stopped = HTTP.send(
                get("/v1/organizations", user.tokens().accessToken())
                        .uri(URI.create(gateway.url() + "/v1/organizations"))
                        .timeout(RESPONSE_TIMEOUT.plusSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(stopped, 503, "SERVICE_UNAVAILABLE");

        HttpResponse<String> slow = HTTP.send(
                get("/v1/users/" + FixtureService.SLOW, user.tokens().accessToken())
                        .uri(URI.create(gateway.url() + "/v1/users/" + FixtureService.SLOW))
                        .timeout(RESPONSE_TIMEOUT.plusSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(slow, 504, "GATEWAY_TIMEOUT");
    }

    // --- helpers

    private record User(UUID id, String username, Tokens tokens) {}

    private static User newUser() {
        String username = "gw-" + UUID.randomUUID().toString().substring(0, 12);
        UUID id = users.createUser(username, PASSWORD);
        return new User(id, username, users.login(username, PASSWORD));
    }

    private static String masterRealmToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username="
                + keycloak.bootstrapAdminUsername() + "&password="
                + java.net.URLEncoder.encode(keycloak.bootstrapAdminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(keycloak.url() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private static Map<String, Object> serviceProperties(int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", Infrastructure.postgres().jdbcUrl("fixture"));
        properties.put("spring.datasource.username", Infrastructure.postgres().username());
        properties.put("spring.datasource.password", Infrastructure.postgres().password());
        properties.put("plexichat.security.issuer-uri", keycloak.issuer());
        properties.put("plexichat.security.public-paths", "/v1/auth/**,/v1/ws/**");
        return properties;
    }

    /** The gateways' live settings; they read the file again every second. */
    private static void writeOverrides(int authLimit) throws Exception {
        String yaml = """
                plexichat:
                  gateway:
                    rate-limits:
                      auth: {limit: %d, period: 1m}
                      # An hour: one token back every 3 minutes, so no refill lands inside a test's count.
                      api: {limit: 20, period: 1h}
                      uploads: {limit: 2, period: 1m}
                      websocket: {limit: 3, period: 1m}
                      websocket-close-after: 2
                      trusted-proxies: [127.0.0.1]
                """.formatted(authLimit);
        Path temporary = overrides.resolveSibling("overrides.yml.tmp");
        Files.writeString(temporary, yaml);
        Files.move(
                temporary,
                overrides,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static <T> void publish(EventType<T> type, String subject, T data) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", type.name());
        envelope.put(
                "source",
                EventType.SOURCE_PREFIX
                        + type.producers().stream().sorted().findFirst().orElse("system-tests"));
        envelope.put("time", Instant.now().toString());
        envelope.put("subject", subject);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", API_JSON.valueToTree(data));
        kafka.send(new ProducerRecord<>(type.topic(), subject, JSON.writeValueAsBytes(envelope)))
                .get(10, TimeUnit.SECONDS);
    }

    private static void assertExactLimit(
            int limit, java.util.function.Supplier<HttpRequest.Builder> request, String limitClass) throws Exception {
        for (int i = 1; i <= limit; i++) {
            HttpResponse<String> allowed = send(gateway, request.get());
            assertThat(allowed.statusCode())
                    .as(limitClass + " call " + i + ": " + allowed.body())
                    .isBetween(200, 299);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue(Integer.toString(limit));
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(limit - i));
        }
        HttpResponse<String> refused = send(gateway, request.get());
        assertError(refused, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .as("Retry-After")
                .isPositive();
        assertThat(JSON.readTree(refused.body())
                        .get("error")
                        .get("details")
                        .get("limit_class")
                        .asString())
                .isEqualTo(limitClass);
    }

    private static HttpRequest.Builder get(String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://placeholder" + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpRequest.Builder post(String path, String body, String token) {
        return get(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(GatewayProcess instance, HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        URI target = URI.create(instance.url()
                + built.uri().getRawPath()
                + (built.uri().getRawQuery() == null ? "" : "?" + built.uri().getRawQuery()));
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(built, (name, value) -> true)
                            .uri(target)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            String diagnostics = instance.diagnostics();
            System.out.println(
                    "GatewayIT: " + built.method() + " " + built.uri().getRawPath() + " unanswered\n" + diagnostics);
            throw new AssertionError(
                    built.method() + " " + built.uri().getRawPath() + " unanswered by " + instance.url(), e);
        }
    }

    private static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static void assertUnauthorized(HttpResponse<String> response, String what) throws Exception {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
        assertError(response, 401, "UNAUTHORIZED");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(body.get("meta").get("request_id").asString()).isEqualTo(id);
        assertHeaders(response, id);
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.");
    }

    private static void assertHeaders(HttpResponse<String> response, String requestId) {
        SecurityHeaders.ALL.forEach((name, value) ->
                assertThat(response.headers().allValues(name)).as(name).containsExactly(value));
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
    }
}
