package com.plexichat.systemtests;

import static com.plexichat.systemtests.SystemStack.GATEWAY;
import static com.plexichat.systemtests.SystemStack.HTTP;
import static com.plexichat.systemtests.SystemStack.JSON;
import static com.plexichat.systemtests.SystemStack.PASSWORD;
import static com.plexichat.systemtests.SystemStack.ROOT;
import static com.plexichat.systemtests.SystemStack.register;

import com.plexichat.platform.test.KeycloakTestClient;
import com.plexichat.platform.test.MultipartBody;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What file uploads cost on this machine (issue 12's benchmark; on demand with {@code ./mvnw -pl system-tests verify
 * -Pbenchmark -Dit.test=FileBenchmark}, never in the test command). Starts the whole stack as {@code ./plexichat up}
 * does (see {@link SystemStack}) and measures, one upload at a time:
 *
 * <ol>
 *   <li>upload throughput through the gateway for 1 MiB and 100 MiB files, each against the same bytes PUT straight
 *       to the S3 server in the same run (the MinIO client, one PUT of a known length);
 *   <li>file-service's resident memory while it streams a 1 GiB upload (sent to file-service itself: the gateway
 *       takes at most 101 MB per upload; larger files go by resumable sessions).
 * </ol>
 *
 * Prints the figures and writes {@code system-tests/target/benchmark/files.html}. The load generator shares the
 * machine's cores with the stack, and the S3 server writes to the same disk.
 */
class FileBenchmark {

    private static final long MIB = 1024 * 1024;
    private static final int SMALL_FILES = Integer.getInteger("benchmark.small-files", 40);
    private static final int LARGE_FILES = Integer.getInteger("benchmark.large-files", 5);
    private static final String FILE_SERVICE_JAVA_OPTS =
            System.getProperty("benchmark.file-service-java-opts", "-Xmx256m");
    /** The gateway lets each user start 10 uploads a minute. */
    private static final int UPLOADS_PER_USER = 10;

    record Rate(String what, long files, long bytes, double seconds) {

        double mbPerSecond() {
            return bytes / (double) MIB / seconds;
        }
    }

    @Test
    void uploadThroughputAgainstS3AndMemoryDuringAGigabyte() throws Exception {
        // The gateway takes at most 101 MB per upload; file-service itself is allowed the gigabyte measured below.
        // The heap file-service is given in production; the rest of the stack keeps the benchmark's flags.
        SystemStack.up(java.util.Map.of(
                "PLEXICHAT_FILES_MAX_UPLOAD_SIZE", "2GB", "PLEXICHAT_JAVA_OPTS_FILE_SERVICE", FILE_SERVICE_JAVA_OPTS));
        try {
            KeycloakTestClient keycloak = new KeycloakTestClient(SystemStack.keycloak());
            keycloak.ensurePublicClient("file-benchmark", 7200);
            String prefix = "fb" + UUID.randomUUID().toString().substring(0, 5);
            List<String> tokens = new ArrayList<>();
            int users = Math.max(1, (SMALL_FILES + LARGE_FILES + 5) / UPLOADS_PER_USER + 2);
            for (int i = 0; i < users; i++) {
                register(prefix + "-" + i);
                tokens.add(keycloak.loginWithClient("file-benchmark", prefix + "-" + i, PASSWORD)
                        .accessToken());
            }
            MinioClient s3 = MinioClient.builder()
                    .endpoint(SystemStack.url("s3", 18333))
                    .credentials("plexichat", SystemStack.secret("s3-secret-key"))
                    .build();

            String fileService = SystemStack.url("file-service", 8086);
            // warm-up: every path, a few files each
            s3Puts(s3, 5, MIB);
            uploads("warm-up", GATEWAY, tokens, 5, MIB, 0);
            uploads("warm-up", fileService, tokens, 5, MIB, 0);

            Rate smallS3 = print(s3Puts(s3, SMALL_FILES, MIB));
            Rate smallGateway = print(uploads("through the gateway", GATEWAY, tokens, SMALL_FILES, MIB, 5));
            // For the record: the same straight to file-service (no gateway; not rate-limited there).
            Rate smallDirect = print(uploads("straight to file-service", fileService, tokens, SMALL_FILES, MIB, 0));
            Rate largeS3 = print(s3Puts(s3, LARGE_FILES, 100 * MIB));
            Rate largeGateway =
                    print(uploads("through the gateway", GATEWAY, tokens, LARGE_FILES, 100 * MIB, 5 + SMALL_FILES));
            long[] rss = gigabyteRss(tokens.getLast());
            report(smallS3, smallGateway, smallDirect, largeS3, largeGateway, rss);
        } finally {
            SystemStack.down();
        }
    }

    private static Rate print(Rate rate) {
        System.out.printf(Locale.ROOT, "%s: %d files, %.1f MB/s%n", rate.what(), rate.files(), rate.mbPerSecond());
        return rate;
    }

    private static Rate s3Puts(MinioClient s3, int count, long size) throws Exception {
        List<String> keys = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = "benchmark/" + UUID.randomUUID();
            try (InputStream in = bytes(size, i)) {
                s3.putObject(PutObjectArgs.builder().bucket("plexichat-files").object(key).stream(in, size, -1)
                        .build());
            }
            keys.add(key);
        }
        Rate rate = new Rate("PUT straight to S3", count, count * size, (System.nanoTime() - start) / 1e9);
        for (String key : keys) {
            s3.removeObject(RemoveObjectArgs.builder()
                    .bucket("plexichat-files")
                    .object(key)
                    .build());
        }
        return rate;
    }

    /**
     * Sequential uploads to {@code base} (the gateway, or file-service itself), each user's share within the
     * gateway's limit of 10 a minute; the files are deleted after the clock stops.
     */
    private static Rate uploads(String what, String base, List<String> tokens, int count, long size, int offset)
            throws Exception {
        List<String[]> uploaded = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String token = tokens.get((offset + i) / UPLOADS_PER_USER % tokens.size());
            int seed = i;
            MultipartBody body = new MultipartBody()
                    .file("file", "bench-" + i + ".bin", "application/octet-stream", () -> bytes(size, seed), size);
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/files"))
                            .timeout(java.time.Duration.ofMinutes(5))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", body.contentType())
                            .POST(body.publisher())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload " + i + ": " + response.statusCode() + " " + response.body());
            }
            uploaded.add(new String[] {
                JSON.readTree(response.body()).get("data").get("id").asString(), token
            });
        }
        Rate rate = new Rate(what, count, count * size, (System.nanoTime() - start) / 1e9);
        for (String[] file : uploaded) {
            SystemStack.send("DELETE", GATEWAY + "/v1/files/" + file[0], file[1], null, 204);
        }
        return rate;
    }

    /** file-service's RSS before, and at most while, a 1 GiB upload streams into it (sampled every 100 ms). */
    private static long[] gigabyteRss(String token) throws Exception {
        long pid = SystemStack.pid("file-service");
        long before = rssKb(pid);
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long size = 1024 * MIB;
        MultipartBody body = new MultipartBody()
                .file("file", "gigabyte.bin", "application/octet-stream", () -> bytes(size, 1), size);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(SystemStack.url("file-service", 8086) + "/v1/files"))
                        .timeout(java.time.Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        running.set(false);
        sampler.join();
        if (response.statusCode() != 201) {
            throw new IllegalStateException("1 GiB upload: " + response.statusCode() + " " + response.body());
        }
        return new long[] {before, peak.get()};
    }

    private static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0L);
        } catch (Exception e) {
            return 0;
        }
    }

    /** Random-looking bytes (a 1 MiB block of them, repeated), generated as they are read. */
    private static InputStream bytes(long size, long seed) {
        byte[] block = new byte[(int) MIB];
        new SplittableRandom(seed).nextBytes(block);
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                return at < size ? block[(int) (at++ % MIB)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= size) {
                    return -1;
                }
                int from = (int) (at % MIB);
                int n = (int) Math.min(Math.min(len, size - at), MIB - from);
                System.arraycopy(block, from, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private static void report(
            Rate smallS3, Rate smallGateway, Rate smallDirect, Rate largeS3, Rate largeGateway, long[] rss)
            throws Exception {
        double smallRatio = smallGateway.mbPerSecond() / smallS3.mbPerSecond();
        double largeRatio = largeGateway.mbPerSecond() / largeS3.mbPerSecond();
        String text = String.format(
                Locale.ROOT,
                """
                1 MiB files: %.1f MB/s through the gateway (%d files) vs %.1f MB/s PUT straight to S3: ratio %.2f (goal >= 0.7)
                1 MiB files straight to file-service (no gateway): %.1f MB/s, ratio %.2f
                100 MiB files: %.1f MB/s through the gateway (%d files) vs %.1f MB/s PUT straight to S3: ratio %.2f (goal >= 0.7)
                file-service RSS during a 1 GiB upload: %d MB at most (%d MB before it; goal < 400 MB; its JVM: %s)
                """,
                smallGateway.mbPerSecond(),
                smallGateway.files(),
                smallS3.mbPerSecond(),
                smallRatio,
                smallDirect.mbPerSecond(),
                smallDirect.mbPerSecond() / smallS3.mbPerSecond(),
                largeGateway.mbPerSecond(),
                largeGateway.files(),
                largeS3.mbPerSecond(),
                largeRatio,
                rss[1] / 1024,
                rss[0] / 1024,
                FILE_SERVICE_JAVA_OPTS);
        System.out.println(text);
        Path dir = ROOT.resolve("system-tests/target/benchmark");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("files.html"),
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>PlexiChat file benchmark</title></head><body>"
                        + "<h1>File benchmark</h1><p>" + Instant.now() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, whole stack on one machine</p><pre>"
                        + text + "</pre></body></html>");
    }
}
