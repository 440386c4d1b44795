package com.plexichat.platform.test;

import com.plexichat.devstack.DevstackArtifacts;
import com.plexichat.devstack.ReceivedMail;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The same components as containers, when a Docker engine is present. Image tags are pinned to the
 * versions the embedded components and production use.
 */
final class ContainerInfrastructure {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:" + DevstackArtifacts.keycloakVersion();
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";
    static final String GREENMAIL_IMAGE = "greenmail/standalone:2.1.3";
    static final String REDIS_IMAGE = "redis:7.4-alpine";

    private ContainerInfrastructure() {}

    static final class Postgres implements PostgresInfrastructure {

        private final org.testcontainers.postgresql.PostgreSQLContainer container =
                new org.testcontainers.postgresql.PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
        private final Set<String> created = ConcurrentHashMap.newKeySet();

        Postgres() {
            container.start();
        }

        @Override
        public String jdbcUrl(String database) {
            if (created.add(database)) {
                try (var connection = DriverManager.getConnection(container.getJdbcUrl(), username(), password());
                        var statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database
                        throw new IllegalStateException("Cannot create database " + database, e);
                    }
                }
            }
            return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
        }

        @Override
        public String username() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }
    }

    static final class Kafka implements KafkaInfrastructure {

        private final org.testcontainers.kafka.KafkaContainer container =
                new org.testcontainers.kafka.KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));

        Kafka() {
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        /** Pausing keeps the mapped port, so clients see an outage and then the same broker again. */
        @Override
        public void stopBroker() {
            container
                    .getDockerClient()
                    .pauseContainerCmd(container.getContainerId())
                    .exec();
        }

        @Override
        public void startBroker() {
            container
                    .getDockerClient()
                    .unpauseContainerCmd(container.getContainerId())
                    .exec();
        }
    }

    static final class Keycloak extends GeneratedKeycloakSecrets {

        private final GenericContainer<?> container;

        @SuppressWarnings("resource")
        Keycloak() {
            byte[] realm;
            try (InputStream in = DevstackArtifacts.realmJson()) {
                realm = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            container = new GenericContainer<>(DockerImageName.parse(KEYCLOAK_IMAGE))
                    .withExposedPorts(8080)
                    .withEnv(environment())
                    .withCopyToContainer(Transferable.of(realm), "/opt/keycloak/data/import/plexichat-realm.json")
                    .withCommand("start-dev", "--import-realm")
                    .waitingFor(Wait.forHttp("/realms/plexichat/.well-known/openid-configuration")
                            .forPort(8080)
                            .withStartupTimeout(Duration.ofMinutes(5)));
            container.start();
        }

        @Override
        public String url() {
            return "http://" + container.getHost() + ":" + container.getMappedPort(8080);
        }
    }

    static final class S3 implements S3Infrastructure {

        private static final String BUCKET = "plexichat-files";

        private final MinIOContainer container = new MinIOContainer(DockerImageName.parse(MINIO_IMAGE));

        S3() {
            container.start();
            MinioClient client = MinioClient.builder()
                    .endpoint(endpoint())
                    .credentials(accessKey(), secretKey())
                    .build();
            try {
                if (!client.bucketExists(
                        BucketExistsArgs.builder().bucket(BUCKET).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the files bucket", e);
            }
        }

        @Override
        public String endpoint() {
            return container.getS3URL();
        }

        @Override
        public String accessKey() {
            return container.getUserName();
        }

        @Override
        public String secretKey() {
            return container.getPassword();
        }

        @Override
        public String bucket() {
            return BUCKET;
        }
    }

    static final class Mail implements MailInfrastructure {

        @SuppressWarnings("resource")
        private final GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(GREENMAIL_IMAGE))
                .withEnv(
                        "GREENMAIL_OPTS",
                        "-Dgreenmail.setup.test.all -Dgreenmail.hostname=0.0.0.0 -Dgreenmail.auth.disabled")
                .withExposedPorts(3025, 3143)
                .waitingFor(Wait.forListeningPorts(3025, 3143));

        Mail() {
            container.start();
        }

        @Override
        public String smtpHost() {
            return container.getHost();
        }

        @Override
        public int smtpPort() {
            return container.getMappedPort(3025);
        }

        /** GreenMail with authentication disabled lets anyone read a mailbox by logging in as its address. */
        @Override
        public List<ReceivedMail> messagesFor(String address) {
            return ImapMailbox.read(container.getHost(), container.getMappedPort(3143), address);
        }
    }

    static final class Redis implements RedisInfrastructure {

        private final GenericContainer<?> container =
                new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(6379);

        Redis() {
            container.start();
        }

        @Override
        public String uri() {
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
    }
}
