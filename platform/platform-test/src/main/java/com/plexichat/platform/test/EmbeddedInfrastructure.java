package com.plexichat.platform.test;

import com.plexichat.devstack.DevstackArtifacts;
import com.plexichat.devstack.KafkaServer;
import com.plexichat.devstack.KeycloakServer;
import com.plexichat.devstack.MailServer;
import com.plexichat.devstack.PostgresServer;
import com.plexichat.devstack.ReceivedMail;
import com.plexichat.devstack.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The embedded components of devstack, on free loopback ports and temporary data. */
final class EmbeddedInfrastructure {

    private EmbeddedInfrastructure() {}

    static Path tempDir(String name) {
        try {
            Path dir = Files.createTempDirectory("plexichat-test-" + name);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops a component that runs as separate processes (PostgreSQL, Keycloak, s3proxy) when the test JVM exits.
     * In-process components (Kafka, mail) die with the JVM and get no hook: stopping the broker while Spring is
     * still closing its Kafka clients made those clients wait out their time-outs at every JVM exit.
     */
    static void onExit(AutoCloseable closeable) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                awaitSpringContextsClosed();
                closeable.close();
            } catch (Exception ignored) {
                // The JVM is going away; nothing left to protect.
            }
        }));
    }

    /**
     * Shutdown hooks run concurrently. Spring's closes the test contexts, and closing still uses the
     * database (the outbox looks for incomplete publications): stopping PostgreSQL first left that waiting
     * out the pool's 30 s connection time-out at every test JVM's exit.
     */
    private static void awaitSpringContextsClosed() throws InterruptedException {
        // The JVM starts the hooks one after another: Spring's may not be running yet when this one looks.
        for (int attempt = 0; attempt < 25; attempt++) {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("SpringApplicationShutdownHook")) {
                    thread.join(20_000);
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    static final class Postgres implements PostgresInfrastructure {

        private final PostgresServer server = new PostgresServer(tempDir("postgres"), 0).closedByCallerOnly();

        Postgres() {
            server.start();
            onExit(server);
        }

        @Override
        public String jdbcUrl(String database) {
            server.createDatabaseIfMissing(database);
            return server.jdbcUrl(database);
        }

        @Override
        public String username() {
            return server.username();
        }

        @Override
        public String password() {
            return server.password();
        }
    }

    static final class Kafka implements KafkaInfrastructure {

        private final KafkaServer server = new KafkaServer(tempDir("kafka"), 0, 0);

        Kafka() {
            server.start();
        }

        @Override
        public String bootstrapServers() {
            return server.bootstrapServers();
        }

        @Override
        public void stopBroker() {
            server.stop();
        }

        @Override
        public void startBroker() {
            server.start();
        }
    }

    static final class Keycloak extends GeneratedKeycloakSecrets {

        private final KeycloakServer server;

        Keycloak() {
            // The unpacked distribution is kept between runs: Keycloak's first start builds itself (~1 min).
            Path home = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "plexichat-test-keycloak-" + DevstackArtifacts.keycloakVersion());
            server = new KeycloakServer(home, 0, environment(), false);
            server.start();
            onExit(server);
        }

        @Override
        public String url() {
            return server.url();
        }
    }

    static final class S3 implements S3Infrastructure {

        private final S3Server server =
                new S3Server(tempDir("s3"), 0, "plexichat", Secrets.random(), "plexichat-files");

        S3() {
            server.start();
            onExit(server);
        }

        @Override
        public String endpoint() {
            return server.endpoint();
        }

        @Override
        public String accessKey() {
            return server.accessKey();
        }

        @Override
        public String secretKey() {
            return server.secretKey();
        }

        @Override
        public String bucket() {
            return server.bucket();
        }
    }

    static final class Mail implements MailInfrastructure {

        private final MailServer server = new MailServer(0, 0);

        Mail() {
            server.start();
        }

        @Override
        public String smtpHost() {
            return "127.0.0.1";
        }

        @Override
        public int smtpPort() {
            return server.smtpPort();
        }

        @Override
        public List<ReceivedMail> messagesFor(String address) {
            return server.messages().stream()
                    .filter(m -> m.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)))
                    .toList();
        }
    }

    /** redis-server from the embedded-redis artifact (a real Redis 6.2 binary), run as a child process. */
    static final class Redis implements RedisInfrastructure {

        private final int port = com.plexichat.devstack.process.Ports.free();
        private final redis.embedded.RedisServer server;

        Redis() {
            try {
                server = redis.embedded.RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("redis-server did not start", e);
            }
            onExit(server::stop);
        }

        @Override
        public String uri() {
            return "redis://127.0.0.1:" + port;
        }
    }
}
