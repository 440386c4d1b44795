package com.plexichat.systemtests;

import com.plexichat.platform.test.KeycloakInfrastructure;
import com.plexichat.platform.test.LocalStackKeycloak;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole stack as {@code ./plexichat up} starts it, for the benchmarks and SecurityIT (never both at once): its own
 * data directory and ports (offset by 11000), by default production's JIT instead of the local stack's start-up flags,
 * and the plumbing they need (its Keycloak, registering users, JSON calls).
 */
final class SystemStack {

    static final Path ROOT =
            Path.of(System.getProperty("plexichat.root", "..")).toAbsolutePath().normalize();
    static final Path HOME = ROOT.resolve("system-tests/target/system-stack");
    // Below Linux's ephemeral range (32768-60999), where an outgoing connection could hold a port the stack needs;
    // apart from the default ports and from LocalStackIT's (12000).
    static final int OFFSET = Integer.getInteger("benchmark.port-offset", 11000);
    static final String GATEWAY = url("gateway", 8080);
    static final String AUTH = url("auth-service", 8081);
    static final String PASSWORD = "correct-horse-battery-9";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private SystemStack() {}

    static String url(String component, int defaultPort) {
        return "http://127.0.0.1:" + (defaultPort + OFFSET);
    }

    static void up() throws Exception {
        up(Map.of());
    }

    /** @param environment settings for the stack's processes (they read the launcher's environment) */
    static void up(Map<String, String> environment) throws Exception {
        deleteRecursively(HOME);
        run("up", environment);
    }

    static void down() throws Exception {
        run("down", Map.of());
    }

    /** The pid of a running component, from its pid file. */
    static long pid(String component) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(HOME.resolve("run").resolve(component + ".pid"))) {
            properties.load(in);
        }
        return Long.parseLong(properties.getProperty("pid").trim());
    }

    static String secret(String name) {
        try {
            return Files.readString(HOME.resolve("secrets").resolve(name)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user registered at auth-service directly (the gateway allows 5 registrations a minute per address). */
    static String register(String username) throws Exception {
        return data(send(
                        "POST",
                        AUTH + "/v1/auth/register",
                        null,
                        Map.of("username", username, "email", username + "@example.org", "password", PASSWORD),
                        201))
                .get("id")
                .asString();
    }

    static HttpResponse<String> send(String method, String url, String token, Object body, int expect)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expect > 0 && response.statusCode() != expect) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    static JsonNode data(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("data");
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    static void retryUntil(int status, Call call) throws Exception {
        HttpResponse<String> last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            last = call.call();
            if (last.statusCode() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("still " + last.statusCode() + ": " + last.body());
    }

    static KeycloakInfrastructure keycloak() {
        return new LocalStackKeycloak(url("keycloak", 18080), HOME.resolve("secrets"));
    }

    private static void run(String command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("plexichat").toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PLEXICHAT_HOME", HOME.toString());
        builder.environment().put("PLEXICHAT_PORT_OFFSET", Integer.toString(OFFSET));
        builder.environment().put("PLEXICHAT_NO_BUILD", "1");
        // Production's JIT (C2), not the local stack's start-up flags (C1 only); no AOT training run.
        builder.environment()
                .put(
                        "PLEXICHAT_JAVA_OPTS",
                        System.getProperty(
                                "benchmark.java-opts",
                                "-XX:+UseSerialGC -Xss512k -Xmx512m --enable-native-access=ALL-UNNAMED"));
        builder.environment().put("PLEXICHAT_AOT", "0");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> System.out.println("[plexichat " + command + "] " + line));
        }
        if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("./plexichat " + command + " failed");
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
