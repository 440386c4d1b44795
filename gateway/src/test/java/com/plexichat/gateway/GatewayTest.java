package com.plexichat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plexichat.platform.api.SecurityHeaders;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.admin.PlatformSettings.Limit;
import com.plexichat.platform.events.admin.SettingsChanged;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.security.SocketTokens;
import com.plexichat.platform.test.ForgedTokens;
import com.plexichat.platform.test.RecordingWebSocket;
import com.plexichat.platform.test.TestTokenIssuer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with the real routes and settings of config-repo/gateway.yml (small limits where a
 * test counts), without Eureka, the config server or Kafka: stand-in services are known through the
 * simple discovery client, tokens come from a stand-in issuer with a real JWKS endpoint. The
 * integration test with Keycloak, Kafka, Redis and a real service is system-tests' GatewayIT.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.config.enabled=false",
            "eureka.client.enabled=false",
            "spring.config.import=file:../config-repo/gateway.yml",
            "spring.kafka.listener.auto-startup=false",
            "management.server.port=0",
            // One call in flight on channel-service's route: the bulkhead test fills it with one slow call.
            "resilience4j.bulkhead.instances.channel-service.max-concurrent-calls=1",
            "plexichat.gateway.services=auth-service",
            "plexichat.gateway.config-refresh-interval=1h",
            "plexichat.gateway.jwks-timeout=1s",
            "plexichat.gateway.rate-limits.auth.limit=3",
            "plexichat.gateway.rate-limits.uploads.limit=2",
            "plexichat.gateway.rate-limits.shares.limit=2",
            "plexichat.gateway.rate-limits.websocket.limit=3",
            "plexichat.gateway.rate-limits.websocket-close-after=2",
            "plexichat.gateway.rate-limits.trusted-proxies[0]=127.0.0.1",
            "plexichat.gateway.request-limits.max-header-size=4KB",
            "plexichat.gateway.request-limits.max-body-size=1KB",
            "plexichat.gateway.cors.allowed-origins[0]=https://chat.example.org",
            "plexichat.gateway.versions.deprecations[0].pattern=/v1/auth/legacy/**",
            "plexichat.gateway.versions.deprecations[0].deprecated-at=2026-01-01T00:00:00Z",
            "plexichat.gateway.versions.deprecations[0].sunset=2027-06-30T00:00:00Z",
            "plexichat.gateway.versions.deprecations[0].link=https://docs.example.org/migrate",
        })
class GatewayTest {

    @org.springframework.beans.factory.annotation.Autowired
    LiveSettings liveSettings;

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final AtomicReference<Map<String, String>> lastForwarded = new AtomicReference<>();
    private static final java.util.concurrent.atomic.AtomicInteger slowInFlight =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.CountDownLatch releaseSlow = new java.util.concurrent.CountDownLatch(1);
    private static final HttpServer SERVICE = startService();
    private static final AtomicReference<Map<String, String>> lastProbe = new AtomicReference<>();
    /** Refuses {@code /v1/ws/channels/unreadable} as messaging-service refuses an outsider: 404, probe or not. */
    private static final DisposableServer WEBSOCKET_SERVICE = reactor.netty.http.server.HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.route(
                            request -> request.requestHeaders().contains(SocketTokens.PROBE_HEADER),
                            (request, response) -> {
                                lastProbe.set(Map.of(
                                        "uri",
                                        request.uri(),
                                        "authorization",
                                        String.valueOf(request.requestHeaders().get("Authorization")),
                                        "upgrade",
                                        String.valueOf(request.requestHeaders().get("Upgrade"))));
                                return response.status(
                                                request.uri().startsWith("/v1/ws/channels/unreadable") ? 404 : 204)
                                        .send();
                            })
                    .ws(
                            "/v1/ws/connect",
                            (in, out) -> out.sendString(in.receive().asString().map(text -> "echo:" + text)))
                    .ws(
                            "/v1/ws/channels/readable",
                            (in, out) -> out.sendString(Mono.just("channel")).neverComplete()))
            .bindNow();

    // HTTP/1.1: the JDK client's default h2c upgrade offer can leave a request to the gateway (Reactor Netty)
    // unanswered; a timeout turns any hang into a failure instead of a stalled build.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        for (String name : List.of("auth-service", "file-service", "channel-service")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + name + "[0].uri", () -> service);
            registry.add(
                    "spring.cloud.discovery.client.simple.instances." + name + "[0].instance-id", () -> name + ":test");
        }
        registry.add(
                "spring.cloud.discovery.client.simple.instances.messaging-service[0].uri",
                () -> "http://127.0.0.1:" + WEBSOCKET_SERVICE.port());
        registry.add("plexichat.security.issuer-uri", TOKENS::issuer);
        registry.add("plexichat.security.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
        WEBSOCKET_SERVICE.disposeNow();
        TOKENS.close();
    }

    @Test
    void routesAnAuthenticatedCallToItsServiceWithTheTokenAndTheRequestId() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        HttpResponse<String> response = send(get("/v1/auth/me", token).header("X-Request-Id", "routed-42"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"from\":\"service\"");
        assertThat(lastForwarded.get())
                .containsEntry("x-request-id", "routed-42")
                .containsEntry("authorization", "Bearer " + token);
        assertSecurityHeaders(response, "routed-42");
        assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("1000");
    }

    @Test
    void withoutACredentialAnyNonPublicPathIsTheUnauthorizedEnvelope() throws Exception {
        for (String path : List.of("/v1/auth/me", "/v1/nothing-here", "/v1/ws/connect", "/favicon.ico")) {
            HttpResponse<String> response = send(get(path, null));
            assertError(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(JSON.readTree(response.body())
                            .get("error")
                            .get("details")
                            .get("reason")
                            .asString())
                    .isEqualTo("missing");
        }
    }

    @Test
    void aTokenFromAnUnknownKeyIsRefusedAndAStalledIdentityProviderIsTheUnavailableEnvelopeNotAHang() throws Exception {
        UUID user = UUID.randomUUID();
        assertError(send(get("/v1/auth/me", TOKENS.tokenWithUnknownKey(user))), 401, "UNAUTHORIZED");

        HttpResponse<String> stalled;
        try (AutoCloseable stall = TOKENS.stallKeys()) {
            stalled = send(get("/v1/auth/me", TOKENS.tokenWithUnknownKey(user)).timeout(Duration.ofSeconds(10)));
        }
        assertError(stalled, 503, "SERVICE_UNAVAILABLE");
        assertThat(JSON.readTree(stalled.body())
                        .get("error")
                        .get("details")
                        .get("reason")
                        .asString())
                .isEqualTo("identity_provider_unavailable");

        assertThat(send(get("/v1/auth/me", TOKENS.token(user))).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesForgedAndExpiredTokensWithAReasonTheClientCanActOn() throws Exception {
        UUID user = UUID.randomUUID();
        String valid = TOKENS.token(user);
        Map<String, String> forged = Map.of(
                "expired",
                        TOKENS.token(
                                user,
                                c -> c.issueTime(java.util.Date.from(
                                                java.time.Instant.now().minusSeconds(3600)))
                                        .expirationTime(java.util.Date.from(
                                                java.time.Instant.now().minusSeconds(3000)))),
                "invalid_token", ForgedTokens.unsigned(valid),
                "invalid_token ", ForgedTokens.hs256WithPublicKey(valid, TOKENS.publicKey()),
                "invalid_token  ", ForgedTokens.tampered(valid),
                "invalid_token   ", TOKENS.token(user, c -> c.audience("another-api")),
                "invalid_token    ", TOKENS.token(user, c -> c.issuer("http://evil.example/realms/plexichat")));
        for (var entry : forged.entrySet()) {
            HttpResponse<String> response = send(get("/v1/auth/me", entry.getValue()));
            assertError(response, 401, "UNAUTHORIZED");
            assertThat(JSON.readTree(response.body())
                            .get("error")
                            .get("details")
                            .get("reason")
                            .asString())
                    .as(entry.getKey())
                    .isEqualTo(entry.getKey().trim());
        }
        assertThat(send(management("/actuator/prometheus")).body())
                .contains("plexichat_gateway_auth_failures_total{application=\"gateway\",reason=\"expired\"}");
    }

    @Test
    void anUnknownPathIsTheNotFoundEnvelopeForAnAuthenticatedCaller() throws Exception {
        HttpResponse<String> response = send(get("/v1/nothing-here", TOKENS.token(UUID.randomUUID())));

        assertError(response, 404, "NOT_FOUND");
    }

    @Test
    void anUnknownVersionIsANotFoundThatSaysSoEvenWithoutAToken() throws Exception {
        HttpResponse<String> response = send(get("/v2/users", null));

        assertError(response, 404, "NOT_FOUND");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("message").asString()).contains("Unknown API version v2");
        assertThat(error.get("details").get("supported").get(0).asString()).isEqualTo("v1");
    }

    @Test
    void aDeprecatedRouteAnnouncesItsSunsetAndTheMigrationGuide() throws Exception {
        HttpResponse<String> response = send(get("/v1/auth/legacy/x", TOKENS.token(UUID.randomUUID())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Deprecation"))
                .hasValue("@" + java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
        assertThat(response.headers().firstValue("Sunset")).hasValue("Wed, 30 Jun 2027 00:00:00 GMT");
        assertThat(response.headers().firstValue("Link"))
                .hasValue("<https://docs.example.org/migrate>; rel=\"deprecation\"; type=\"text/html\"");
        assertThat(send(get("/v1/auth/me", TOKENS.token(UUID.randomUUID())))
                        .headers()
                        .firstValue("Deprecation"))
                .isEmpty();
    }

    @Test
    void aServiceWithoutInstancesIsTheUnavailableEnvelope() throws Exception {
        HttpResponse<String> response =
                send(get("/v1/users/123", TOKENS.token(UUID.randomUUID())).header("X-Request-Id", "no-instance-1"));

        assertError(response, 503, "SERVICE_UNAVAILABLE");
        assertSecurityHeaders(response, "no-instance-1");
    }

    @Test
    void publicRoutesNeedNoCredentialAndIgnoreAStaleOne() throws Exception {
        HttpResponse<String> response =
                send(post("/v1/auth/refresh", "{}", "expired-or-garbage").header("X-Forwarded-For", randomIp()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"from\":\"service\"");
    }

    @Test
    void anAdministratorsLimitsReplaceTheConfiguredOnesAtOnce() throws Exception {
        String client = randomIp();
        try {
            liveSettings.apply(settings(7, new Limit(2L, 60L)));
            HttpResponse<String> first = send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client));
            assertThat(first.headers().firstValue("RateLimit-Limit")).hasValue("2");
            assertThat(send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client))
                            .statusCode())
                    .isEqualTo(200);
            assertError(
                    send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client)), 429, "RATE_LIMITED");
            liveSettings.apply(settings(6, new Limit(50L, 60L)));
            assertThat(send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client))
                            .headers()
                            .firstValue("RateLimit-Limit"))
                    .as("an older version changes nothing")
                    .hasValue("2");
        } finally {
            // What this test class configures, as a newer version.
            liveSettings.apply(settings(8, new Limit(3L, 60L)));
        }
        assertThat(send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", randomIp()))
                        .headers()
                        .firstValue("RateLimit-Limit"))
                .hasValue("3");
    }

    private static SettingsChanged settings(long version, Limit auth) {
        PlatformSettings settings = new PlatformSettings(
                new PlatformSettings.Registration("open", List.of(), true),
                new PlatformSettings.RateLimits(auth, new Limit(1000L, 3600L), new Limit(2L, 60L), new Limit(3L, 60L)),
                new PlatformSettings.Files(1L, 1L),
                new PlatformSettings.Messages(4000, 0L),
                new PlatformSettings.Retention(0, 0, 0),
                PlatformSettings.Directory.DEFAULT);
        return new SettingsChanged(version, settings, settings, UUID.randomUUID(), java.time.Instant.now());
    }

    @Test
    void theSignInClassLetsExactlyItsLimitThroughPerClientIpThenTooManyRequests() throws Exception {
        String client = randomIp();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> allowed =
                    send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client));
            assertThat(allowed.statusCode()).as("login " + i).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(3 - i));
            assertThat(allowed.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(3 - i));
        }
        HttpResponse<String> refused = send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", client));
        assertError(refused, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 20L);
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");

        // Another client behind the same trusted proxy has a bucket of its own...
        assertThat(send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", randomIp()))
                        .statusCode())
                .isEqualTo(200);
        // ...but a client cannot pick its own key: only the hop the trusted proxy saw counts.
        assertThat(send(post("/v1/auth/login", "{}", null).header("X-Forwarded-For", randomIp() + ", " + client))
                        .statusCode())
                .isEqualTo(429);
        assertThat(send(management("/actuator/prometheus")).body())
                .contains("plexichat_gateway_ratelimit_rejected_total{application=\"gateway\",class=\"auth\"}");
    }

    @Test
    void uploadsHaveTheirOwnLimitPerUser() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        assertThat(send(post("/v1/files", "x", token)).statusCode()).isEqualTo(200);
        assertThat(send(post("/v1/files", "x", token)).statusCode()).isEqualTo(200);
        assertError(send(post("/v1/files", "x", token)), 429, "RATE_LIMITED");
        // Other calls of that user are another class; another user has uploads left.
        assertThat(send(get("/v1/files/1", token)).statusCode()).isEqualTo(200);
        assertThat(send(post("/v1/files", "x", TOKENS.token(UUID.randomUUID()))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shareLinksPassWithoutATokenAndAreLimitedPerClientIp() throws Exception {
        String client = randomIp();
        for (int i = 1; i <= 2; i++) {
            HttpResponse<String> opened =
                    send(get("/v1/files/shared/some-token", null).header("X-Forwarded-For", client));
            assertThat(opened.statusCode()).as("open " + i).isEqualTo(200);
            assertThat(opened.headers().firstValue("RateLimit-Limit")).hasValue("2");
        }
        HttpResponse<String> refused =
                send(get("/v1/files/shared/some-token", null).header("X-Forwarded-For", client));
        assertError(refused, 429, "RATE_LIMITED");
        assertThat(send(get("/v1/files/shared/some-token", "stale-token").header("X-Forwarded-For", randomIp()))
                        .statusCode())
                .as("another address; a stale token is ignored on a public route")
                .isEqualTo(200);
        assertError(send(get("/v1/files/some-id/download", null)), 401, "UNAUTHORIZED");
        assertError(send(get("/v1/files/shared/x/more", null)), 401, "UNAUTHORIZED");
    }

    @Test
    void aKeyTheStoreDoesNotKnowIsRefusedAndAClientCannotClaimAnApiKeysIdentity() throws Exception {
        // Valid, scoped and revoked keys from admin-service's store: LocalStackIT (this gateway has no store).
        for (String key : List.of("plx_unknown", "")) {
            HttpResponse<String> refused = send(get("/v1/channels", null).header("X-API-Key", key));
            assertError(refused, 401, "UNAUTHORIZED");
            assertThat(JSON.readTree(refused.body())
                            .get("error")
                            .get("details")
                            .get("reason")
                            .asString())
                    .isEqualTo("invalid_api_key");
        }
        String token = TOKENS.token(UUID.randomUUID());
        HttpResponse<String> spoofed = send(get("/v1/channels", token)
                .header("X-PlexiChat-Api-Key-Id", UUID.randomUUID().toString())
                .header("X-PlexiChat-Api-Key-Scopes", "admin"));
        assertThat(spoofed.statusCode()).isEqualTo(200);
        assertThat(lastForwarded.get())
                .doesNotContainKey("x-plexichat-api-key-id")
                .doesNotContainKey("x-plexichat-api-key-scopes");
    }

    @Test
    void headersAndBodiesOverTheirLimitsAreRefusedWithTheEnvelope() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        assertError(
                send(get("/v1/auth/me", token).header("X-Padding", "p".repeat(5000))),
                431,
                "REQUEST_HEADER_FIELDS_TOO_LARGE");
        assertError(send(post("/v1/channels", "x".repeat(2048), token)), 413, "PAYLOAD_TOO_LARGE");

        // A chunked body declares no length: it is counted as it streams.
        HttpRequest chunked = HttpRequest.newBuilder(uri("/v1/channels"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[4096])))
                .build();
        assertError(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "PAYLOAD_TOO_LARGE");

        assertThat(send(post("/v1/channels", "x".repeat(512), token)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void pathTricksAreRefusedBeforeTheyReachAService() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        for (String path :
                List.of("/v1/auth/..%2F..%2Factuator/env", "/v1/auth/%2e%2e/%2e%2e/actuator/env", "/v1/auth//..;/x")) {
            HttpResponse<String> response = send(get(path, token));
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).contains("\"success\":false").doesNotContain("\"from\"");
        }
    }

    @Test
    void onlyConfiguredOriginsGetCors() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/v1/channels"))
                .timeout(Duration.ofSeconds(30))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://chat.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://chat.example.org");

        HttpResponse<String> foreign =
                send(get("/v1/channels", TOKENS.token(UUID.randomUUID())).header("Origin", "https://evil.example"));
        assertError(foreign, 403, "FORBIDDEN");
    }

    @Test
    void webSocketsTakeTheTokenFromTheQueryAndEveryUserHasAFrameBudget() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        RecordingWebSocket socket = RecordingWebSocket.connect(
                HTTP, URI.create("ws://127.0.0.1:" + port + "/v1/ws/connect?token=" + token));
        for (int i = 1; i <= 3; i++) {
            socket.send("{\"type\":\"typing\",\"n\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.received().size() == 3);
        assertThat(socket.received()).allMatch(frame -> frame.startsWith("echo:"));
        socket.send("{\"type\":\"typing\",\"n\":4}");
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.received().size() == 4);
        assertThat(JSON.readTree(socket.received().get(3))
                        .get("data")
                        .get("code")
                        .asString())
                .isEqualTo("RATE_LIMITED");
        socket.send("{\"type\":\"typing\",\"n\":5}");
        assertThat(socket.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);

        var withoutToken = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws/connect"), new WebSocket.Listener() {});
        assertThat(withoutToken)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        java.net.http.WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void aSocketTheServiceWouldRefuseIsRefusedWithItsStatusBeforeTheUpgrade() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        var refused = HTTP.newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + port + "/v1/ws/channels/unreadable?token=" + token),
                        new WebSocket.Listener() {});
        // A 404 instead of 101: the client's connection was never upgraded, so no close frame could quote anything.
        assertThat(refused)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        java.net.http.WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
        assertThat(lastProbe.get())
                .containsEntry("uri", "/v1/ws/channels/unreadable")
                .containsEntry("authorization", "Bearer " + token)
                .containsEntry("upgrade", "null");

        RecordingWebSocket readable = RecordingWebSocket.connect(
                HTTP, URI.create("ws://127.0.0.1:" + port + "/v1/ws/channels/readable?token=" + token));
        await().atMost(Duration.ofSeconds(10)).until(() -> readable.received().contains("channel"));
    }

    @Test
    void aRouteWithItsBulkheadFullIsTheUnavailableEnvelopeWithRetryAfterNotA500() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        var slow = HTTP.sendAsync(get("/v1/channels/slow", token).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> slowInFlight.get() == 1);

        HttpResponse<String> refused = send(get("/v1/channels/slow", token));
        assertError(refused, 503, "SERVICE_UNAVAILABLE");
        assertThat(JSON.readTree(refused.body())
                        .get("error")
                        .get("details")
                        .get("reason")
                        .asString())
                .isEqualTo("service_busy");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

        releaseSlow.countDown();
        assertThat(slow.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anOpenBreakerIsTheUnavailableEnvelopeWithRetryAfterNotA500() throws Exception {
        // org-service has no instance here: each call fails, and after ten the route's breaker opens.
        String token = TOKENS.token(UUID.randomUUID());
        HttpResponse<String> last = null;
        for (int i = 0; i < 12; i++) {
            last = send(get("/v1/organizations/" + UUID.randomUUID(), token));
            assertError(last, 503, "SERVICE_UNAVAILABLE");
        }
        assertThat(JSON.readTree(last.body())
                        .get("error")
                        .get("details")
                        .get("reason")
                        .asString())
                .isEqualTo("circuit_open");
        assertThat(last.headers().firstValue("Retry-After")).hasValue("10");
    }

    @Test
    void anonymousHealthSaysOnlyWhetherTheSystemCanServe() throws Exception {
        HttpResponse<String> response = send(get("/v1/health", null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("data")).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
        assertThat(response.body()).doesNotContain("127.0.0.1", "auth-service", "instance");
    }

    @Test
    void thePublicPortServesNoActuatorEndpointToAnyone() throws Exception {
        String token = TOKENS.token(UUID.randomUUID());
        for (String path : List.of(
                "/actuator/prometheus",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/info",
                "/actuator/env",
                "/actuator/gateway/routes")) {
            for (String credential : java.util.Arrays.asList(null, token)) {
                HttpResponse<String> response = send(get(path, credential));
                assertThat(response.statusCode())
                        .as(path + (credential == null ? "" : " with a token"))
                        .isIn(401, 404);
                assertThat(response.body()).doesNotContain("jvm_", "routeId", "\"status\":\"UP\"", "messaging-service");
            }
        }
        assertThat(send(management("/actuator/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void exposesProbesAndPrometheusWithPerRouteLatencyHistograms() throws Exception {
        send(get("/v1/auth/me", TOKENS.token(UUID.randomUUID())));
        assertThat(send(management("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(send(management("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        String metrics = send(management("/actuator/prometheus")).body();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics)
                .containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"auth-service\"");
    }

    private HttpRequest.Builder get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Actuator's own port, which no route reaches. */
    private HttpRequest.Builder management(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpRequest.Builder post(String path, String body, String token) {
        return get(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // Seen once in ~30 runs (the first request of the class, 30 s without an answer): say where everybody was.
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                System.err.println("\"" + thread.getName() + "\" " + thread.getState());
                for (StackTraceElement frame : stack) {
                    System.err.println("    at " + frame);
                }
            });
            throw e;
        }
    }

    private static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(body.get("meta").get("request_id").asString()).isEqualTo(id);
        assertSecurityHeaders(response, id);
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.");
    }

    private static void assertSecurityHeaders(HttpResponse<String> response, String requestId) {
        SecurityHeaders.ALL.forEach((name, value) ->
                assertThat(response.headers().allValues(name)).as(name).containsExactly(value));
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
    }

    /** Answers every path (and the readiness probe) and remembers the headers of the last API call. */
    private static HttpServer startService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                exchange.getRequestBody().readAllBytes();
                if (path.equals("/v1/channels/slow")) {
                    slowInFlight.incrementAndGet();
                    try {
                        releaseSlow.await(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = (path.equals("/actuator/health/readiness")
                                ? "{\"status\":\"UP\"}"
                                : "{\"from\":\"service\",\"path\":\"" + path + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (!path.startsWith("/actuator")) {
                    Map<String, String> headers = new java.util.HashMap<>();
                    exchange.getRequestHeaders()
                            .forEach((name, values) ->
                                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
                    lastForwarded.set(headers);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            // A thread per exchange: a request the gateway abandoned mid-body (the size-limit tests) must not hold up
            // the next test's calls behind the one dispatcher thread.
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
