package com.plexichat.devstack.launcher;

import com.plexichat.devstack.DevstackArtifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Everything the launcher reads from its environment, resolved once. */
record StackConfig(
        Path root,
        Path home,
        PortPlan ports,
        List<String> javaOptions,
        Map<String, List<String>> componentJavaOptions,
        List<Component> components,
        String version,
        boolean aotRequested) {

    /** One place for the flags of every JVM the stack starts (see TOOLCHAIN.md for the measurements). */
    static final List<String> DEFAULT_JAVA_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m",
            "-Xmx512m",
            "--enable-native-access=ALL-UNNAMED");

    static StackConfig from(Map<String, String> env) {
        Path root = root(env);
        Path home = nonBlank(env.get("PLEXICHAT_HOME"))
                ? Path.of(env.get("PLEXICHAT_HOME")).toAbsolutePath().normalize()
                : root.resolve(".plexichat");
        List<String> javaOptions = nonBlank(env.get("PLEXICHAT_JAVA_OPTS"))
                ? List.of(env.get("PLEXICHAT_JAVA_OPTS").trim().split("\\s+"))
                : DEFAULT_JAVA_OPTIONS;
        // PLEXICHAT_JAVA_OPTS_FILE_SERVICE=-Xmx256m: flags for one component, after the common ones (the later wins).
        Map<String, List<String>> perComponent = new java.util.LinkedHashMap<>();
        for (Component component : Component.ALL) {
            String value = env.get("PLEXICHAT_JAVA_OPTS_"
                    + component.name().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (nonBlank(value)) {
                perComponent.put(component.name(), List.of(value.trim().split("\\s+")));
            }
        }
        return new StackConfig(
                root,
                home,
                PortPlan.from(env),
                javaOptions,
                Map.copyOf(perComponent),
                selected(env.get("PLEXICHAT_COMPONENTS")),
                DevstackArtifacts.projectVersion(),
                aotRequested(env.get("PLEXICHAT_AOT")));
    }

    /** The flags of one component's JVM: the common ones, then its own. */
    List<String> javaOptions(Component component) {
        List<String> own = componentJavaOptions.get(component.name());
        if (own == null) {
            return javaOptions;
        }
        List<String> all = new java.util.ArrayList<>(javaOptions);
        all.addAll(own);
        return List.copyOf(all);
    }

    /** PLEXICHAT_AOT=0 (or false, off, no) turns the AOT caches off; anything else leaves them on. */
    private static boolean aotRequested(String value) {
        return !nonBlank(value)
                || !List.of("0", "false", "off", "no").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** Where the AOT caches of the Spring components live, one directory per component. */
    Path aot() {
        return home.resolve("aot");
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path run() {
        return home.resolve("run");
    }

    Path logFile(String name) {
        return logs().resolve(name + ".log");
    }

    Path pidFile(String name) {
        return PidFile.path(run(), name);
    }

    private static List<Component> selected(String list) {
        if (!nonBlank(list)) {
            return Component.ALL;
        }
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .forEach(name -> names.add(Component.named(name).name()));
        return Component.ALL.stream()
                .filter(component -> names.contains(component.name()))
                .toList();
    }

    /** PLEXICHAT_ROOT (set by the plexichat script), else the repository around the running jar, else the cwd. */
    private static Path root(Map<String, String> env) {
        if (nonBlank(env.get("PLEXICHAT_ROOT"))) {
            return Path.of(env.get("PLEXICHAT_ROOT")).toAbsolutePath().normalize();
        }
        Path jar = Path.of(System.getProperty("java.class.path", ".")).toAbsolutePath();
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }
}
