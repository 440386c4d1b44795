package com.plexichat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the deployment files are checked against, read from the repository itself rather than repeated here. */
final class Repository {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern SERVER_PORT =
            Pattern.compile("(?m)^server:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*\\$\\{SERVER_PORT:(\\d+)}");
    private static final Pattern MANAGEMENT_PORT = Pattern.compile(
            "(?m)^management:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*\\$\\{PLEXICHAT_MANAGEMENT_PORT:(\\d+)}");
    private static final Pattern SECRET_ROW = Pattern.compile("(?m)^\\|\\s*`([a-z0-9-]+)`\\s*\\|([^|]*)\\|");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private final Path root;

    private Repository(Path root) {
        this.root = root;
    }

    /** The checkout this module lives in (Maven runs tests in deploy-tests/). */
    static Repository find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("k8s")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no checkout with mvnw and k8s/ above " + Path.of("").toAbsolutePath());
        }
        return new Repository(dir);
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Module folder by artifactId, for every module that builds an image (its pom sets jib.skip to false). */
    Map<String, String> deployables() {
        Map<String, String> deployables = new LinkedHashMap<>();
        Matcher m = MODULE.matcher(read("pom.xml"));
        while (m.find()) {
            String folder = m.group(1);
            Path pom = path(folder).resolve("pom.xml");
            if (read(root.relativize(pom).toString()).contains("<jib.skip>false</jib.skip>")) {
                deployables.put(Path.of(folder).getFileName().toString(), folder);
            }
        }
        return deployables;
    }

    /** The port each deployable listens on: {@code server.port} in config-repo, or in its own application.yml. */
    int serverPort(String deployable) {
        Path served = path("config-repo").resolve(deployable + ".yml");
        String yaml = Files.exists(served)
                ? read(root.relativize(served).toString())
                : read(deployables().get(deployable) + "/src/main/resources/application.yml");
        Matcher m = SERVER_PORT.matcher(yaml);
        if (!m.find()) {
            throw new IllegalStateException("no server.port ${SERVER_PORT:n} for " + deployable);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Where actuator listens: {@code management.server.port} where config-repo gives one, else the server port. */
    int managementPort(String deployable) {
        Path served = path("config-repo").resolve(deployable + ".yml");
        if (Files.exists(served)) {
            Matcher m = MANAGEMENT_PORT.matcher(read(root.relativize(served).toString()));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return serverPort(deployable);
    }

    /**
     * The Secrets docs/operations.md documents: table rows whose first cell is a backticked name and whose second
     * lists the backticked keys.
     */
    Map<String, Set<String>> documentedSecrets() {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Matcher row = SECRET_ROW.matcher(read("docs/operations.md"));
        while (row.find()) {
            Set<String> keys = new LinkedHashSet<>();
            Matcher key = BACKTICKED.matcher(row.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            if (!keys.isEmpty()) {
                secrets.put(row.group(1), keys);
            }
        }
        return secrets;
    }

    List<String> filesIn(String folder, String suffix) {
        try (var files = Files.list(path(folder))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
