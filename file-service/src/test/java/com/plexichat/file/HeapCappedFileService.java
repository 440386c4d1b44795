package com.plexichat.file;

import com.plexichat.devstack.process.Ports;
import com.plexichat.platform.test.KafkaInfrastructure;
import com.plexichat.platform.test.PostgresInfrastructure;
import com.plexichat.platform.test.S3Infrastructure;
import com.plexichat.platform.test.TestTokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * file-service as operators run it (its jar, {@code java -Xmx...}), on the tests' database, Kafka and S3: for what
 * only a separate process shows, such as how a capped heap copes with a gigabyte. Its event listeners stay off, so it
 * takes no partitions from the service under test.
 */
final class HeapCappedFileService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private HeapCappedFileService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static HeapCappedFileService start(
            TestTokenIssuer tokens,
            S3Infrastructure s3,
            PostgresInfrastructure postgres,
            KafkaInfrastructure kafka,
            String heap)
            throws Exception {
        Path jar = jar();
        int port = Ports.free();
        Path log = Path.of("target", "heap-capped-file-service.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.cloud.config.enabled=false",
                "--eureka.client.enabled=false",
                "--spring.cloud.discovery.enabled=false",
                "--spring.kafka.listener.auto-startup=false",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl("file-service"),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--plexichat.security.issuer-uri=" + tokens.issuer(),
                "--plexichat.security.jwk-set-uri=" + tokens.jwkSetUri(),
                "--plexichat.s3.endpoint=" + s3.endpoint(),
                "--plexichat.s3.access-key=" + s3.accessKey(),
                "--plexichat.s3.secret-key=" + s3.secretKey(),
                "--plexichat.s3.bucket=" + s3.bucket(),
                "--plexichat.files.max-upload-size=2GB",
                "--plexichat.files.download-redirect=true",
                "--plexichat.files.quota=8GB"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HeapCappedFileService service = new HeapCappedFileService(process, port, log);
        service.awaitReady();
        return service;
    }

    int port() {
        return port;
    }

    /** The process's peak resident set so far (VmHWM), in KB; 0 where /proc does not tell. */
    long peakRssKb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void awaitReady() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("file-service exited at start:\n" + tail());
            }
            try {
                HttpResponse<Void> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("file-service did not become ready:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("file-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "target/file-service-*.jar is missing: the integration tests run after mvn package"));
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
