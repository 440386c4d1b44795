package com.plexichat.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Locates the third-party distributions devstack runs as child processes. Their paths are filtered into
 * {@code META-INF/plexichat-devstack.properties} by the devstack build, which also resolves them; the copies in
 * {@code infra/devstack/target/dist} are the fallback when the local Maven repository moved.
 */
public final class DevstackArtifacts {

    private static final String PROPERTIES = "META-INF/plexichat-devstack.properties";
    private static final String REALM = "keycloak/plexichat-realm.json";
    private static final Properties VALUES = load();

    private DevstackArtifacts() {}

    public static Path keycloakZip() {
        return locate("keycloak.zip", "Keycloak distribution");
    }

    public static Path s3proxyJar() {
        return locate("s3proxy.jar", "s3proxy");
    }

    public static String keycloakVersion() {
        return VALUES.getProperty("keycloak.version");
    }

    /** The version of the PlexiChat build this devstack belongs to (names the service jars). */
    public static String projectVersion() {
        return VALUES.getProperty("project.version");
    }

    public static InputStream realmJson() {
        InputStream stream = DevstackArtifacts.class.getClassLoader().getResourceAsStream(REALM);
        if (stream == null) {
            throw new IllegalStateException("classpath resource " + REALM + " is missing");
        }
        return stream;
    }

    private static Path locate(String key, String what) {
        Path filtered = Path.of(VALUES.getProperty(key));
        String fileName = filtered.getFileName().toString();
        var candidates = new ArrayList<Path>(List.of(filtered, Path.of(VALUES.getProperty("dist.dir"), fileName)));
        String root = System.getenv("PLEXICHAT_ROOT");
        if (root != null && !root.isBlank()) {
            candidates.add(Path.of(root, "infra", "devstack", "target", "dist", fileName));
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(what + " not found; looked at " + candidates
                        + ". Build devstack once: ./mvnw -pl infra/devstack package"));
    }

    private static Properties load() {
        try (InputStream in = DevstackArtifacts.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + PROPERTIES + " is missing");
            }
            var properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
