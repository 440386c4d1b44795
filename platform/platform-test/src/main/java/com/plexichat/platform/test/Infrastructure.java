package com.plexichat.platform.test;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The real infrastructure of a test JVM: each component is started on first use, once, and shared
 * by every test class of the JVM (stopped at JVM exit). With a Docker engine the components are
 * Testcontainers; without one they are the embedded components devstack uses. Tests never skip for
 * want of Docker.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static final Lazy<Boolean> DOCKER = new Lazy<>(Infrastructure::detectDocker);
    private static final Lazy<PostgresInfrastructure> POSTGRES =
            new Lazy<>(() -> docker() ? new ContainerInfrastructure.Postgres() : new EmbeddedInfrastructure.Postgres());
    private static final Lazy<KafkaInfrastructure> KAFKA =
            new Lazy<>(() -> docker() ? new ContainerInfrastructure.Kafka() : new EmbeddedInfrastructure.Kafka());
    private static final Lazy<KeycloakInfrastructure> KEYCLOAK =
            new Lazy<>(() -> docker() ? new ContainerInfrastructure.Keycloak() : new EmbeddedInfrastructure.Keycloak());
    private static final Lazy<S3Infrastructure> S3 =
            new Lazy<>(() -> docker() ? new ContainerInfrastructure.S3() : new EmbeddedInfrastructure.S3());
    private static final Lazy<MailInfrastructure> MAIL =
            new Lazy<>(() -> docker() ? new ContainerInfrastructure.Mail() : new EmbeddedInfrastructure.Mail());
    private static final Lazy<RedisInfrastructure> REDIS =
            new Lazy<>(() -> docker() ? new ContainerInfrastructure.Redis() : new EmbeddedInfrastructure.Redis());

    private Infrastructure() {}

    public static PostgresInfrastructure postgres() {
        return POSTGRES.get();
    }

    public static KafkaInfrastructure kafka() {
        return KAFKA.get();
    }

    public static KeycloakInfrastructure keycloak() {
        return KEYCLOAK.get();
    }

    public static S3Infrastructure s3() {
        return S3.get();
    }

    public static MailInfrastructure mail() {
        return MAIL.get();
    }

    public static RedisInfrastructure redis() {
        return REDIS.get();
    }

    /** True when the components are containers (a Docker engine answered). */
    public static boolean docker() {
        return DOCKER.get();
    }

    private static boolean detectDocker() {
        if ("embedded"
                .equalsIgnoreCase(System.getProperty(
                        "plexichat.test.infrastructure", System.getenv("PLEXICHAT_TEST_INFRASTRUCTURE")))) {
            return false;
        }
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        log.info(
                "Test infrastructure: {}",
                available ? "Testcontainers (Docker engine found)" : "embedded components (no Docker engine)");
        return available;
    }

    /** Thread-safe memoization; a component that failed to start fails every later use too. */
    static final class Lazy<T> {

        private final Supplier<T> supplier;
        private T value;
        private RuntimeException failure;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        synchronized T get() {
            if (failure != null) {
                throw failure;
            }
            if (value == null) {
                try {
                    value = supplier.get();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return value;
        }
    }
}
