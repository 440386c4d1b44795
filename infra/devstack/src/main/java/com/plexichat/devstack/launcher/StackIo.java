package com.plexichat.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The launcher's small file chores. */
final class StackIo {

    private StackIo() {}

    static void appendBanner(Path log, Component component) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "==== plexichat: starting " + component.name() + " at " + Instant.now() + " ====\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover pid file is detected as stale by its start time
        }
    }
}
