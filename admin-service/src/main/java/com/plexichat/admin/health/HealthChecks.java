package com.plexichat.admin.health;

import com.plexichat.platform.security.SecurityProperties;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/admin/health}: every check at once (one virtual thread each, each bounded by {@code timeout}), so
 * the answer takes as long as the slowest check, not their sum. Instances are asked for their readiness, their
 * components (the {@code infrastructure} health group: statuses only) and their build version; PostgreSQL is each
 * service's {@code db} component as its instances see it.
 */
@Service
@EnableConfigurationProperties(HealthProperties.class)
class HealthChecks implements DisposableBean {

    private final HealthProperties properties;
    private final ObjectProvider<DiscoveryClient> discovery;
    private final KafkaCheck kafka;
    private final URI keycloak;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

    HealthChecks(
            HealthProperties properties,
            ObjectProvider<DiscoveryClient> discovery,
            KafkaCheck kafka,
            SecurityProperties security,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.discovery = discovery;
        this.kafka = kafka;
        this.keycloak = URI.create(security.issuerUri() + "/.well-known/openid-configuration");
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .executor(checks)
                .build();
    }

    HealthRecords.HealthResponse check() {
        var kafkaHealth = CompletableFuture.supplyAsync(kafka::check, checks);
        var keycloakHealth = CompletableFuture.supplyAsync(() -> httpCheck("keycloak", keycloak, true), checks);
        var s3Health = CompletableFuture.supplyAsync(
                () -> properties.s3Endpoint() == null
                        ? notConfigured("s3")
                        : httpCheck(properties.s3Endpoint().toString(), properties.s3Endpoint(), false),
                checks);
        var smtpHealth = CompletableFuture.supplyAsync(this::smtp, checks);
        List<CompletableFuture<HealthRecords.ServiceHealth>> services = serviceNames().stream()
                .map(name -> CompletableFuture.supplyAsync(() -> service(name), checks))
                .toList();

        List<HealthRecords.ServiceHealth> serviceHealth =
                services.stream().map(CompletableFuture::join).toList();
        List<HealthRecords.Check> postgres = new ArrayList<>();
        for (HealthRecords.ServiceHealth service : serviceHealth) {
            service.instances().stream()
                    .map(i -> i.components().get("db"))
                    .filter(java.util.Objects::nonNull)
                    .reduce((a, b) -> a.equals(HealthRecords.UP) ? a : b)
                    .ifPresent(status -> postgres.add(new HealthRecords.Check(
                            service.name(),
                            status,
                            service.instances().stream()
                                    .mapToLong(HealthRecords.InstanceHealth::tookMs)
                                    .max()
                                    .orElse(0),
                            null)));
        }
        var infrastructure = new HealthRecords.Infrastructure(
                postgres, kafkaHealth.join(), keycloakHealth.join(), s3Health.join(), smtpHealth.join());
        boolean up = serviceHealth.stream().allMatch(s -> s.status().equals(HealthRecords.UP))
                && postgres.stream().allMatch(c -> c.status().equals(HealthRecords.UP))
                && infrastructure.kafka().status().equals(HealthRecords.UP)
                && infrastructure.keycloak().status().equals(HealthRecords.UP)
                && !infrastructure.s3().status().equals(HealthRecords.DOWN)
                && !infrastructure.smtp().status().equals(HealthRecords.DOWN);
        // Dead letters are events some consumer could not apply: everything runs, but something needs a look.
        String status = !up
                ? HealthRecords.DOWN
                : infrastructure.kafka().deadLetterTopics().isEmpty() ? HealthRecords.UP : HealthRecords.DEGRADED;
        return new HealthRecords.HealthResponse(status, clock.instant(), serviceHealth, infrastructure);
    }

    private Set<String> serviceNames() {
        Set<String> names = new LinkedHashSet<>(properties.services());
        DiscoveryClient registry = discovery.getIfAvailable();
        if (registry != null) {
            registry.getServices().stream().sorted().forEach(names::add);
        }
        return names;
    }

    private HealthRecords.ServiceHealth service(String name) {
        DiscoveryClient registry = discovery.getIfAvailable();
        List<ServiceInstance> instances = registry == null ? List.of() : registry.getInstances(name);
        List<CompletableFuture<HealthRecords.InstanceHealth>> probes = instances.stream()
                .map(instance -> CompletableFuture.supplyAsync(() -> instance(instance), checks))
                .toList();
        List<HealthRecords.InstanceHealth> answered = probes.stream()
                .map(CompletableFuture::join)
                .sorted(Comparator.comparing(HealthRecords.InstanceHealth::instanceId))
                .toList();
        boolean up = answered.stream().anyMatch(i -> i.status().equals(HealthRecords.UP));
        return new HealthRecords.ServiceHealth(name, up ? HealthRecords.UP : HealthRecords.DOWN, answered);
    }

    private HealthRecords.InstanceHealth instance(ServiceInstance instance) {
        long start = System.nanoTime();
        String base = instance.getUri().toString();
        String actuator = actuatorBase(instance);
        String readiness = get(actuator + "/actuator/health/readiness")
                .map(body -> body.path("status").asString(HealthRecords.DOWN))
                .orElse(HealthRecords.DOWN);
        Map<String, String> components = new LinkedHashMap<>();
        get(actuator + "/actuator/health/infrastructure")
                .ifPresent(body -> body.path("components")
                        .properties()
                        .forEach(c -> components.put(
                                c.getKey(), c.getValue().path("status").asString("UNKNOWN"))));
        String version = get(actuator + "/actuator/info")
                .map(body -> body.path("build").path("version").asString(null))
                .orElse(null);
        return new HealthRecords.InstanceHealth(
                instance.getInstanceId() == null ? base : instance.getInstanceId(),
                base,
                readiness,
                version,
                components,
                millis(start));
    }

    /**
     * Where an instance serves actuator: its own port, or the management port it registered (the gateway's, which
     * no route reaches; Spring Cloud's Eureka client publishes it as {@code management.port}).
     */
    private static String actuatorBase(ServiceInstance instance) {
        String port =
                instance.getMetadata() == null ? null : instance.getMetadata().get("management.port");
        if (port == null || port.equals(Integer.toString(instance.getPort()))) {
            return instance.getUri().toString();
        }
        String scheme = instance.getScheme() == null ? "http" : instance.getScheme();
        return scheme + "://" + instance.getHost() + ":" + port;
    }

    /** The JSON body of a {@code GET}, whatever the status (a DOWN health is 503 with a body). */
    private Optional<JsonNode> get(String uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(uri))
                            .timeout(properties.timeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Optional.of(json.readTree(response.body()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    private HealthRecords.Check httpCheck(String name, URI uri, boolean needsOk) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(properties.timeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            boolean up = !needsOk || response.statusCode() == 200;
            return new HealthRecords.Check(
                    name,
                    up ? HealthRecords.UP : HealthRecords.DOWN,
                    millis(start),
                    up ? null : "HTTP " + response.statusCode());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new HealthRecords.Check(name, HealthRecords.DOWN, millis(start), reason(e));
        }
    }

    private HealthRecords.Check smtp() {
        if (properties.smtpHost() == null || properties.smtpHost().isBlank()) {
            return notConfigured("smtp");
        }
        String name = properties.smtpHost() + ":" + properties.smtpPort();
        long start = System.nanoTime();
        int timeout = (int) properties.timeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(properties.smtpHost(), properties.smtpPort()), timeout);
            socket.setSoTimeout(timeout);
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = reader.readLine();
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean up = greeting != null && greeting.startsWith("220");
            return new HealthRecords.Check(
                    name, up ? HealthRecords.UP : HealthRecords.DOWN, millis(start), up ? null : "no 220 greeting");
        } catch (Exception e) {
            return new HealthRecords.Check(name, HealthRecords.DOWN, millis(start), reason(e));
        }
    }

    private static HealthRecords.Check notConfigured(String name) {
        return new HealthRecords.Check(name, "UNKNOWN", 0, "not configured");
    }

    /** The exception's kind and message, never a stack trace. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.ExecutionException
                        || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
