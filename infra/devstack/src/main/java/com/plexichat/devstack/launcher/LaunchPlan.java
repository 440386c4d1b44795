package com.plexichat.devstack.launcher;

import com.plexichat.devstack.KeycloakServer;
import com.plexichat.devstack.S3Server;
import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Ports;
import com.plexichat.devstack.process.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each component of the local stack runs: its command line, environment and ports, and its AOT cache. The
 * Spring components get the same {@code PLEXICHAT_*} variables a container gets (docs/operations.md).
 */
final class LaunchPlan {

    static final String S3_BUCKET = "plexichat-files";
    /** Appended to Keycloak's own JVM flags (kc.sh's JAVA_OPTS_APPEND); see {@link #withKeycloakJavaOptions}. */
    static final String KEYCLOAK_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1";

    private final StackConfig config;
    /** Use AOT caches: requested (PLEXICHAT_AOT) and the JDK that runs the components has them. */
    private final boolean aot;

    LaunchPlan(StackConfig config) {
        this.config = config;
        this.aot = config.aotRequested() && AotCache.supported();
    }

    boolean aot() {
        return aot;
    }

    /** The AOT cache of a Spring component, or null when caches are off or it is not a Spring component. */
    AotCache aotCache(Component component) {
        if (!aot || !component.kind().isSpring()) {
            return null;
        }
        return new AotCache(
                config.aot(),
                component.name(),
                component.jar(config.root(), config.version()),
                config.javaOptions(component));
    }

    /** Every port a component binds, by the name of its PLEXICHAT_PORT_ variable. */
    Map<String, Integer> portsOf(Component component) {
        var ports = config.ports();
        var bound = new LinkedHashMap<String, Integer>();
        switch (component.kind()) {
            case INFRA ->
                List.of("infra", "postgres", "kafka", "kafka-controller", "smtp", "imap")
                        .forEach(name -> bound.put(name, ports.port(name)));
            case KEYCLOAK -> {
                bound.put("keycloak", ports.port("keycloak"));
                // Keycloak's management interface always sits on the next port.
                bound.put("keycloak management", ports.port("keycloak") + 1);
            }
            case GATEWAY -> {
                bound.put("gateway", ports.port("gateway"));
                bound.put("gateway-management", ports.port("gateway-management"));
            }
            default -> bound.put(component.name(), ports.port(component.name()));
        }
        return bound;
    }

    LaunchSpec launchSpec(Component component, Secrets secrets) {
        var ports = config.ports();
        Path log = config.logFile(component.name());
        return switch (component.kind()) {
            case INFRA -> {
                var command = new ArrayList<String>();
                command.add(Processes.javaExecutable().toString());
                command.addAll(config.javaOptions());
                command.addAll(selfInvocation("infra", InfraMain.class.getName()));
                command.add("--home=" + config.home());
                command.add("--port=" + ports.port("infra"));
                command.add("--postgres-port=" + ports.port("postgres"));
                command.add("--kafka-port=" + ports.port("kafka"));
                command.add("--kafka-controller-port=" + ports.port("kafka-controller"));
                command.add("--smtp-port=" + ports.port("smtp"));
                command.add("--imap-port=" + ports.port("imap"));
                yield new LaunchSpec(command, Map.of(), config.home(), log);
            }
            case KEYCLOAK ->
                withKeycloakJavaOptions(new KeycloakServer(
                                config.home().resolve("keycloak"),
                                ports.port("keycloak"),
                                keycloakEnvironment(secrets),
                                true)
                        .prepare()
                        .withLogFile(log));
            case S3 ->
                new S3Server(
                                config.home().resolve("s3"),
                                ports.port("s3"),
                                Secrets.S3_ACCESS_KEY,
                                secrets.s3SecretKey(),
                                S3_BUCKET)
                        .prepare()
                        .withLogFile(log);
            case PLATFORM, SERVICE, GATEWAY -> {
                Path jar = component.jar(config.root(), config.version());
                if (!Files.isRegularFile(jar)) {
                    throw new ComponentFailure(
                            component, jar + " does not exist; build first (./plexichat build)", false);
                }
                AotCache cache = aotCache(component);
                List<String> command;
                if (cache != null && cache.isValid()) {
                    command = cache.runCommand();
                } else {
                    command = new ArrayList<>();
                    command.add(Processes.javaExecutable().toString());
                    command.addAll(config.javaOptions(component));
                    command.add("-jar");
                    command.add(jar.toString());
                }
                yield new LaunchSpec(command, springEnvironment(component, secrets), config.home(), log);
            }
        };
    }

    private static Map<String, String> keycloakEnvironment(Secrets secrets) {
        var env = new LinkedHashMap<String, String>(secrets.serviceClientVariables());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", Secrets.KEYCLOAK_ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.keycloakAdminPassword());
        env.put("PLEXICHAT_ADMIN_PASSWORD", secrets.adminPassword());
        env.put("PLEXICHAT_AUTH_CLIENT_SECRET", secrets.authClientSecret());
        return env;
    }

    /**
     * Keycloak runs with C1 only, like the Spring JVMs: on 2 cores that cut its CPU time to readiness from about
     * 17 to 10 s, CPU the components on the critical path get instead (kc.sh already picks G1, so no SerialGC).
     */
    private static LaunchSpec withKeycloakJavaOptions(LaunchSpec spec) {
        var env = new LinkedHashMap<String, String>(spec.environment());
        env.merge("JAVA_OPTS_APPEND", KEYCLOAK_JAVA_OPTIONS, (old, extra) -> old + " " + extra);
        return new LaunchSpec(spec.command(), env, spec.workingDirectory(), spec.logFile());
    }

    Map<String, String> springEnvironment(Component component, Secrets secrets) {
        var ports = config.ports();
        String loopback = "http://" + Ports.LOOPBACK + ":";
        String postgres = "jdbc:postgresql://" + Ports.LOOPBACK + ":" + ports.port("postgres");
        var env = new LinkedHashMap<String, String>();
        env.put("SERVER_PORT", Integer.toString(ports.port(component.name())));
        if (component.kind() == Component.Kind.GATEWAY) {
            env.put("PLEXICHAT_MANAGEMENT_PORT", Integer.toString(ports.port("gateway-management")));
        }
        env.put("SPRING_PROFILES_ACTIVE", "dev");
        env.put("PLEXICHAT_CONFIG_URL", loopback + ports.port("config-server"));
        env.put("PLEXICHAT_EUREKA_URL", loopback + ports.port("discovery-server") + "/eureka/");
        // The server only: config-repo/<service>.yml names the database, as it does on Kubernetes.
        env.put("PLEXICHAT_POSTGRES_URL", postgres);
        env.put("PLEXICHAT_POSTGRES_USERNAME", "postgres");
        env.put("PLEXICHAT_POSTGRES_PASSWORD", "postgres");
        env.put("PLEXICHAT_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + ports.port("kafka"));
        env.put("PLEXICHAT_KEYCLOAK_URL", loopback + ports.port("keycloak"));
        env.put("PLEXICHAT_AUTH_CLIENT_SECRET", secrets.authClientSecret());
        env.put("PLEXICHAT_AUTH_ENCRYPTION_KEY", secrets.authEncryptionKey());
        // What clients reach: share links start with the gateway's URL.
        env.put("PLEXICHAT_PUBLIC_URL", loopback + ports.port("gateway"));
        if (component.name().equals("file-service")) {
            env.put("PLEXICHAT_FILES_SHARE_SECRET", secrets.filesShareSecret());
        }
        if (component.name().equals("admin-service")) {
            env.put("PLEXICHAT_AUDIT_SIGNING_KEY", secrets.auditSigningKey());
        }
        // Each service only its own client's secret.
        String serviceClientSecret = secrets.serviceClientSecret(component.name());
        if (serviceClientSecret != null) {
            env.put("PLEXICHAT_SERVICE_CLIENT_SECRET", serviceClientSecret);
        }
        env.put("PLEXICHAT_S3_ENDPOINT", loopback + ports.port("s3"));
        env.put("PLEXICHAT_S3_ACCESS_KEY", Secrets.S3_ACCESS_KEY);
        env.put("PLEXICHAT_S3_SECRET_KEY", secrets.s3SecretKey());
        env.put("PLEXICHAT_S3_BUCKET", S3_BUCKET);
        env.put("PLEXICHAT_SMTP_HOST", Ports.LOOPBACK);
        env.put("PLEXICHAT_SMTP_PORT", Integer.toString(ports.port("smtp")));
        env.put("PLEXICHAT_CONFIG_REPO", config.root().resolve("config-repo").toString());
        return env;
    }

    /**
     * How to run a main class of devstack itself: through the exec jar and a subcommand when running from it, or
     * straight from the class path when running from an IDE or target/classes.
     */
    private List<String> selfInvocation(String subcommand, String mainClass) {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            return List.of(
                    "-jar", privateCopy(Path.of(classPath).toAbsolutePath()).toString(), subcommand);
        }
        return List.of("-cp", classPath, mainClass);
    }

    /**
     * The infra JVM runs from a copy of the exec jar: rebuilding devstack rewrites target/*-exec.jar in place,
     * which would pull classes out from under a running Kafka. Replaced by rename, so a JVM still running from
     * an older copy keeps its file.
     */
    private Path privateCopy(Path jar) {
        Path copy = config.run().resolve("devstack-exec.jar");
        try {
            if (Files.exists(copy)
                    && Files.size(copy) == Files.size(jar)
                    && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar))) {
                return copy;
            }
            Path temp = config.run().resolve("devstack-exec.jar.tmp");
            Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return copy;
        } catch (IOException e) {
            return jar;
        }
    }
}
