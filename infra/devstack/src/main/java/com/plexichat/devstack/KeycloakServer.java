package com.plexichat.devstack;

import com.plexichat.devstack.process.Http;
import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Keycloak from the official Quarkus distribution, run as a child process in dev mode with the PlexiChat realm
 * imported on first start. {@code persistent} keeps realm and users in an H2 file under {@code home/data}; without
 * it everything lives in memory and is gone at {@link #stop()}.
 */
public final class KeycloakServer extends ChildProcessServer {

    public static final String REALM = "plexichat";
    public static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String REALM_FILE = "plexichat-realm.json";
    /**
     * The services with a confidential client of their own in the realm (named like the service, its service account
     * holding the realm role {@code service}), for their calls to other services.
     */
    public static final List<String> SERVICE_CLIENTS = List.of(
            "channel-service",
            "messaging-service",
            "file-service",
            "user-service",
            "org-service",
            "call-service",
            "gateway");

    private final Path home;
    private final int port;
    private final Map<String, String> env;
    private final boolean persistent;

    public KeycloakServer(Path home, int port, Map<String, String> env, boolean persistent) {
        super("Keycloak", START_TIMEOUT, Duration.ofSeconds(20));
        this.home = home.toAbsolutePath();
        this.port = port == 0 ? Ports.freePair() : port;
        this.env = Map.copyOf(env);
        this.persistent = persistent;
    }

    /**
     * Unpacks the distribution if {@code home} has none yet, puts the realm file where {@code --import-realm} reads
     * it, and returns the command without running it (the local-stack launcher runs it detached).
     */
    @Override
    public LaunchSpec prepare() {
        try {
            unpackIfMissing();
            Path importDir = Files.createDirectories(home.resolve("data").resolve("import"));
            try (InputStream realm = DevstackArtifacts.realmJson()) {
                Files.copy(realm, importDir.resolve(REALM_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak in " + home, e);
        }
        var command = new ArrayList<String>(List.of(
                home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev",
                "--http-host=" + Ports.LOOPBACK,
                "--http-port=" + port,
                "--http-management-port=" + (port + 1),
                // A fixed hostname keeps the token issuer identical however Keycloak is reached.
                "--hostname=" + url(),
                "--import-realm",
                "--db=" + (persistent ? "dev-file" : "dev-mem")));
        var environment = new HashMap<String, String>();
        // Without it Quarkus' thread pool fails at shutdown on JDK 24+ (thread-local reset needs java.lang open).
        environment.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        environment.putAll(env);
        return new LaunchSpec(command, environment, home, home.resolve("keycloak.log"));
    }

    /** Where the realm JSON reads a service client's secret from, e.g. {@code PLEXICHAT_CHANNEL_CLIENT_SECRET}. */
    public static String clientSecretVariable(String service) {
        return "PLEXICHAT_" + service.replace("-service", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT)
                + "_CLIENT_SECRET";
    }

    public URI readinessUri() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    @Override
    public boolean isReady() {
        return Http.status(readinessUri()) == 200;
    }

    public void awaitReady(Duration timeout, BooleanSupplier alive) {
        Http.await("Keycloak on port " + port, timeout, this::isReady, alive);
    }

    @Override
    public int port() {
        return port;
    }

    public String url() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public Path home() {
        return home;
    }

    private void unpackIfMissing() throws IOException {
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            return;
        }
        Path zip = DevstackArtifacts.keycloakZip();
        Files.createDirectories(home.getParent());
        // Unpack beside the target and move into place, so an interrupted unpack never looks like a valid home.
        Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpack-");
        try {
            unzipStrippingTopDirectory(zip, staging);
            Files.createDirectories(home);
            try (Stream<Path> entries = Files.list(staging)) {
                for (Path entry : entries.toList()) {
                    Path target = home.resolve(entry.getFileName().toString());
                    if (!Files.exists(target)) {
                        Files.move(entry, target);
                    }
                }
            }
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void unzipStrippingTopDirectory(Path zip, Path target) throws IOException {
        try (var file = new ZipFile(zip.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = target.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip drops Unix modes; the launch scripts are the only files that need one.
                if (name.endsWith(".sh")) {
                    out.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
