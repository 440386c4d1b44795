package com.plexichat.devstack.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code up} recorded about a process it started. The start instant is what makes it safe to signal the pid
 * later: a pid reused by an unrelated process has a different start instant.
 */
record PidFile(long pid, Instant startedAt, int port) {

    /** /proc start times have clock-tick resolution; two readings of the same process may differ slightly. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    static Path path(Path runDir, String name) {
        return runDir.resolve(name + ".pid");
    }

    static Optional<PidFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var properties = new Properties();
            properties.load(reader);
            return Optional.of(new PidFile(
                    Long.parseLong(properties.getProperty("pid").trim()),
                    Instant.parse(properties.getProperty("start").trim()),
                    Integer.parseInt(properties.getProperty("port", "0").trim())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(Path file) {
        var properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("start", startedAt.toString());
        properties.setProperty("port", Integer.toString(port));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static PidFile of(ProcessHandle process, int port) {
        Instant start = process.info()
                .startInstant()
                .orElseThrow(() -> new IllegalStateException(
                        "no start time for pid " + process.pid() + " (did it exit at once?)"));
        return new PidFile(process.pid(), start, port);
    }

    /** The recorded process, if it still runs and is the same process (not a reused pid). */
    Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info()
                        .startInstant()
                        .map(start -> Duration.between(start, startedAt).abs().compareTo(START_TOLERANCE) <= 0)
                        .orElse(false));
    }
}
