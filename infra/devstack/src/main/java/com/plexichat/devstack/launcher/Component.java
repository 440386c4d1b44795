package com.plexichat.devstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One process of the local stack. Components are started stage by stage: everything with {@code startStage} n is
 * started, then everything with {@code readyStage} n is waited for. Keycloak starts in the first stage but is
 * waited for last: it is slow and nothing needs it while starting.
 */
record Component(String name, Kind kind, int startStage, int readyStage) {

    enum Kind {
        INFRA(Duration.ofSeconds(180)),
        KEYCLOAK(Duration.ofSeconds(300)),
        S3(Duration.ofSeconds(120)),
        PLATFORM(Duration.ofSeconds(240)),
        SERVICE(Duration.ofSeconds(240)),
        GATEWAY(Duration.ofSeconds(240));

        final Duration timeout;

        Kind(Duration timeout) {
            this.timeout = timeout;
        }

        boolean isSpring() {
            return this == PLATFORM || this == SERVICE || this == GATEWAY;
        }
    }

    static final List<String> SERVICES = List.of(
            "auth-service",
            "user-service",
            "org-service",
            "channel-service",
            "messaging-service",
            "file-service",
            "call-service",
            "admin-service");

    /** Every component in start order. */
    static final List<Component> ALL = all();

    static final int LAST_STAGE = 5;

    private static List<Component> all() {
        var components = new ArrayList<Component>();
        components.add(new Component("infra", Kind.INFRA, 0, 0));
        components.add(new Component("keycloak", Kind.KEYCLOAK, 0, LAST_STAGE));
        components.add(new Component("s3", Kind.S3, 0, 0));
        components.add(new Component("discovery-server", Kind.PLATFORM, 1, 1));
        components.add(new Component("config-server", Kind.PLATFORM, 2, 2));
        SERVICES.forEach(service -> components.add(new Component(service, Kind.SERVICE, 3, 3)));
        components.add(new Component("gateway", Kind.GATEWAY, 4, 4));
        return List.copyOf(components);
    }

    static Component named(String name) {
        return ALL.stream()
                .filter(component -> component.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + name + "'; known: "
                        + ALL.stream().map(Component::name).toList()));
    }

    /** Where the build puts this component's Spring Boot jar (null for the embedded ones). */
    Path jar(Path root, String version) {
        return switch (kind) {
            case PLATFORM ->
                root.resolve("infra").resolve(name).resolve("target").resolve(name + "-" + version + ".jar");
            case SERVICE, GATEWAY -> root.resolve(name).resolve("target").resolve(name + "-" + version + ".jar");
            default -> null;
        };
    }
}
