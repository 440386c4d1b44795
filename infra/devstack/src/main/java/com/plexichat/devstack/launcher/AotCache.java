package com.plexichat.devstack.launcher;

import com.plexichat.devstack.process.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The JDK 25 AOT cache (JEP 483/514) of one Spring component, kept in {@code $PLEXICHAT_HOME/aot/<name>/}:
 *
 * <ul>
 *   <li>{@code app/} the jar extracted with {@code java -Djarmode=tools -jar <jar> extract}; the JVM runs from here,
 *       so rebuilding the jar does not disturb a running component;
 *   <li>{@code app.aot} the cache, written by a training run ({@code -XX:AOTCacheOutput}, exiting once the Spring
 *       context is refreshed);
 *   <li>{@code cache.properties} what the cache was built from: the jar (path, size, mtime), the JDK (java.home and
 *       version) and the JVM flags. A cache is used only while all of them are unchanged; otherwise {@code up}
 *       trains it again;
 *   <li>{@code training.log} the output of the last extraction and training run.
 * </ul>
 */
final class AotCache {

    /** The first JDK with {@code -XX:AOTCacheOutput} (JEP 514). */
    static final int MIN_JDK = 25;

    /** What the JVM prints when it cannot use a cache; it then runs without one. */
    static final String REJECTED = "An error has occurred while processing the AOT cache";

    /** Bump when the layout below changes, so old caches are rebuilt. */
    private static final String FORMAT = "1";

    private static final String MTIME = "jar.mtime";
    private static final String SHA256 = "jar.sha256";

    private final Path dir;
    private final Path jar;
    private final List<String> javaOptions;

    AotCache(Path aotRoot, String name, Path jar, List<String> javaOptions) {
        this.dir = aotRoot.resolve(name);
        this.jar = jar.toAbsolutePath();
        this.javaOptions = List.copyOf(javaOptions);
    }

    /** Whether the JDK that runs the components (the launcher's own, see {@link Processes#javaHome()}) has it. */
    static boolean supported() {
        return Runtime.version().feature() >= MIN_JDK;
    }

    Path dir() {
        return dir;
    }

    Path cacheFile() {
        return dir.resolve("app.aot");
    }

    Path extractedJar() {
        return dir.resolve("app").resolve(jar.getFileName());
    }

    Path trainingLog() {
        return dir.resolve("training.log");
    }

    private Path stampFile() {
        return dir.resolve("cache.properties");
    }

    /**
     * True if the cache exists and was built from this jar, this JDK and these flags. The jar is compared by size
     * and mtime; only when just its mtime changed is its content hashed, so a rebuild that reproduced the same
     * bytes (reproducible builds: {@code project.build.outputTimestamp}) keeps the cache.
     */
    boolean isValid() {
        if (!Files.isRegularFile(cacheFile()) || !Files.isRegularFile(extractedJar())) {
            return false;
        }
        try {
            Map<String, String> recorded = readStamp();
            Map<String, String> current = currentStamp(false);
            var withoutHash = new TreeMap<>(recorded);
            withoutHash.remove(SHA256);
            if (withoutHash.equals(current)) {
                return true;
            }
            withoutHash.put(MTIME, current.get(MTIME));
            if (withoutHash.equals(current) && sha256(jar).equals(recorded.get(SHA256))) {
                recorded.put(MTIME, current.get(MTIME));
                recordTrained(recorded);
                return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * What a cache built now would be built from, with the jar's hash if {@code withHash}. Taken before extracting:
     * a jar rebuilt meanwhile makes the new cache stale rather than wrongly valid.
     */
    Map<String, String> currentStamp(boolean withHash) throws IOException {
        var stamp = new TreeMap<String, String>();
        stamp.put("format", FORMAT);
        stamp.put("jar", jar.toString());
        stamp.put("jar.size", Long.toString(Files.size(jar)));
        stamp.put(MTIME, Long.toString(Files.getLastModifiedTime(jar).toMillis()));
        if (withHash) {
            stamp.put(SHA256, sha256(jar));
        }
        stamp.put("java.home", Processes.javaHome().toString());
        stamp.put("java.version", Runtime.version().toString());
        stamp.put("java.options", String.join(" ", javaOptions));
        return stamp;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readStamp() throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(stampFile(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        var stamp = new TreeMap<String, String>();
        properties.stringPropertyNames().forEach(key -> stamp.put(key, properties.getProperty(key)));
        return stamp;
    }

    /** Marks the cache as built from {@code stamp} (taken with {@link #currentStamp} before training). */
    void recordTrained(Map<String, String> stamp) {
        var properties = new Properties();
        properties.putAll(stamp);
        Path temp = dir.resolve("cache.properties.tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "what " + cacheFile().getFileName() + " was built from");
            }
            Files.move(temp, stampFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stampFile(), e);
        }
    }

    /** Makes {@link #isValid()} false, so the next {@code up} trains again. */
    void invalidate() {
        try {
            Files.deleteIfExists(stampFile());
        } catch (IOException e) {
            // isValid also fails on an unreadable stamp
        }
    }

    /** Deletes the old layout, cache and log, leaving an empty directory for a new extraction. */
    void reset() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Unpacks the jar into {@code app/} (a Boot jar's own tools mode; a plain class path, no launcher). */
    List<String> extractCommand() {
        return List.of(
                Processes.javaExecutable().toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                extractedJar().getParent().toString());
    }

    /** Runs the component until its context is refreshed, then writes the cache (JEP 514's one-step training). */
    List<String> trainingCommand() {
        var command = new ArrayList<String>();
        command.add(Processes.javaExecutable().toString());
        command.addAll(javaOptions);
        command.add("-XX:AOTCacheOutput=" + cacheFile());
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(extractedJar().toString());
        return command;
    }

    /** The normal start, from the extracted jar with the cache. */
    List<String> runCommand() {
        var command = new ArrayList<String>();
        command.add(Processes.javaExecutable().toString());
        command.addAll(javaOptions);
        command.add("-XX:AOTCache=" + cacheFile());
        command.add("-jar");
        command.add(extractedJar().toString());
        return command;
    }

    /** Whether the log written from {@code offset} on says the JVM refused the cache (and ran without it). */
    static boolean rejectedIn(Path log, long offset) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            // The JVM reports it before anything else runs: the first 64 KiB are plenty.
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return head.contains(REJECTED);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
