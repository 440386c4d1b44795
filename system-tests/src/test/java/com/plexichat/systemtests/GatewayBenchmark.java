package com.plexichat.systemtests;

import com.plexichat.platform.test.Infrastructure;
import com.plexichat.platform.test.KeycloakInfrastructure;
import com.plexichat.platform.test.KeycloakTestClient;
import com.plexichat.systemtests.fixture.FixtureService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the gateway costs (issue 3's benchmark; run on demand with {@code ./mvnw -pl system-tests verify
 * -Pbenchmark}, never in the test command). A database-backed endpoint ({@code GET /v1/users/{id}} of a
 * resource server on PostgreSQL, which checks the token itself) is called with a Keycloak token:
 * directly, through the gateway with JWT validation, and through a gateway that treats the route as
 * public (no JWT validation at the gateway). Closed loop, same concurrency for each; rounds alternate so
 * drift on a shared machine hits all three alike. Prints throughput, latency and the two ratios (goals
 * >= 0.85 and >= 0.95). Everything runs on this machine: the load generator competes for the same cores.
 */
class GatewayBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 16);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warmup-seconds", 120));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("benchmark.measure-seconds", 20));
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    private static final String PASSWORD = "correct-horse-battery-9";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    record Result(String target, double requestsPerSecond, double p50Millis, double p99Millis, long errors) {}

    @Test
    void gatewayOverheadOnADatabaseBackedEndpoint() throws Exception {
        KeycloakInfrastructure keycloak = Infrastructure.keycloak();
        KeycloakTestClient users = new KeycloakTestClient(keycloak);
        users.ensurePublicClient("gateway-benchmark", 7200);
        String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        users.createUser(username, PASSWORD);
        String token =
                users.loginWithClient("gateway-benchmark", username, PASSWORD).accessToken();

        try (ConfigurableApplicationContext service = FixtureService.start(Map.of(
                "spring.datasource.url", Infrastructure.postgres().jdbcUrl("fixture"),
                "spring.datasource.username", Infrastructure.postgres().username(),
                "spring.datasource.password", Infrastructure.postgres().password(),
                "plexichat.security.issuer-uri", keycloak.issuer(),
                "logging.level.root", "WARN"))) {
            List<UUID> ids = seed(service.getBean(JdbcTemplate.class), 1000);
            int servicePort = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            List<String> common = List.of(
                    "--spring.config.import=file:" + GatewayProcess.ROOT.resolve("config-repo/application.yml")
                            + ",file:" + GatewayProcess.ROOT.resolve("config-repo/gateway.yml"),
                    "--plexichat.gateway.services=user-service",
                    "--plexichat.gateway.rate-limits.enabled=false",
                    "--logging.level.root=WARN",
                    "--spring.cloud.discovery.client.simple.instances.user-service[0].uri=http://127.0.0.1:"
                            + servicePort);
            Map<String, String> environment = Map.of(
                    "PLEXICHAT_KEYCLOAK_URL", keycloak.url(),
                    "PLEXICHAT_KAFKA_BOOTSTRAP", Infrastructure.kafka().bootstrapServers());
            List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx512m"));
            if (Boolean.getBoolean("benchmark.jfr")) {
                // -Dbenchmark.jfr=true: a CPU profile of each gateway in system-tests/target/benchmark/.
                jvm.add("-XX:StartFlightRecording:settings=profile,filename="
                        + GatewayProcess.ROOT.resolve("system-tests/target/benchmark") + "/");
            }
            List<String> withoutJwt = new ArrayList<>(common);
            withoutJwt.add("--plexichat.security.public-paths[0]=GET /v1/users/**");
            withoutJwt.add("--plexichat.security.public-paths[1]=GET /actuator/health/**");
            try (GatewayProcess jwtGateway = GatewayProcess.start("bench-gateway-jwt", jvm, common, environment);
                    GatewayProcess openGateway =
                            GatewayProcess.start("bench-gateway-no-jwt", jvm, withoutJwt, environment)) {
                Map<String, String> targets = new java.util.LinkedHashMap<>();
                targets.put("direct", "http://127.0.0.1:" + servicePort);
                targets.put("gateway+jwt", jwtGateway.url());
                targets.put("gateway-no-jwt", openGateway.url());

                for (var target : targets.entrySet()) {
                    run(target.getKey(), target.getValue(), token, ids, WARM_UP);
                }
                Map<String, List<Result>> results = new java.util.LinkedHashMap<>();
                for (int round = 0; round < ROUNDS; round++) {
                    for (var target : targets.entrySet()) {
                        Result result = run(target.getKey(), target.getValue(), token, ids, MEASURE);
                        results.computeIfAbsent(target.getKey(), k -> new ArrayList<>())
                                .add(result);
                        System.out.printf(
                                "round %d %-15s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                                round + 1,
                                result.target(),
                                result.requestsPerSecond(),
                                result.p50Millis(),
                                result.p99Millis(),
                                result.errors());
                    }
                }
                report(results);
            }
        }
    }

    private static void report(Map<String, List<Result>> results) throws Exception {
        double direct = median(results.get("direct"));
        double jwt = median(results.get("gateway+jwt"));
        double open = median(results.get("gateway-no-jwt"));
        String report = String.format(
                """
                Gateway benchmark (%d cores, concurrency %d, %d rounds of %d s, medians)
                  direct to the service      %8.0f req/s
                  through gateway, JWT       %8.0f req/s
                  through gateway, no JWT    %8.0f req/s
                  gateway / direct           %.3f  (goal >= 0.85)
                  JWT / no JWT at gateway    %.3f  (goal >= 0.95)
                """,
                Runtime.getRuntime().availableProcessors(),
                CONCURRENCY,
                ROUNDS,
                MEASURE.toSeconds(),
                direct,
                jwt,
                open,
                jwt / direct,
                jwt / open);
        System.out.print(report);
        Path file = GatewayProcess.ROOT.resolve("system-tests/target/benchmark/gateway.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    private static double median(List<Result> results) {
        double[] values =
                results.stream().mapToDouble(Result::requestsPerSecond).sorted().toArray();
        return values[values.length / 2];
    }

    private static List<UUID> seed(JdbcTemplate jdbc, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            jdbc.update(
                    "insert into fixture_user (id, username, display_name) values (?, ?, ?)",
                    id,
                    "bench" + i,
                    "Bench User " + i);
            ids.add(id);
        }
        return ids;
    }

    private static Result run(String name, String base, String token, List<UUID> ids, Duration duration)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[CONCURRENCY];
        for (int t = 0; t < CONCURRENCY; t++) {
            long[] mine = new long[500_000];
            latencies.add(mine);
            int index = t;
            threads.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                while (running.get()) {
                    UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/users/" + id))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - start;
                    }
                }
                counts[index] = n;
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int position = 0;
        for (int t = 0; t < CONCURRENCY; t++) {
            System.arraycopy(latencies.get(t), 0, all, position, (int) counts[t]);
            position += (int) counts[t];
        }
        Arrays.sort(all);
        return new Result(
                name,
                total / seconds,
                all.length == 0 ? 0 : all[all.length / 2] / 1e6,
                all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6,
                errors.get());
    }
}
