package com.plexichat.devstack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Starting, measuring and stopping child processes and everything they spawn. */
public final class Processes {

    private static final Path SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);

    private Processes() {}

    /** The java launcher of the running JVM: a stale PATH can point at an older JDK. */
    public static Path javaExecutable() {
        return javaHome().resolve("bin").resolve("java");
    }

    public static Path javaHome() {
        return Path.of(System.getProperty("java.home")).toAbsolutePath();
    }

    /**
     * Starts the command with stdout and stderr appended to {@code spec.logFile()} and stdin from /dev/null. A
     * file rather than a pipe, so a child never blocks on a full pipe nor dies with its parent's pipe. {@code
     * detached} puts the child in its own session (when {@code setsid} exists) so it outlives the caller and a
     * Ctrl-C in the caller's terminal does not reach it.
     */
    public static Process launch(LaunchSpec spec, boolean detached) throws IOException {
        var command = new ArrayList<String>();
        if (detached && SETSID != null) {
            // Without -f, setsid execs in place (a JVM child is never a group leader), so the pid stays ours.
            command.add(SETSID.toString());
        }
        command.addAll(spec.command());
        var builder = new ProcessBuilder(command);
        if (spec.workingDirectory() != null) {
            Files.createDirectories(spec.workingDirectory());
            builder.directory(spec.workingDirectory().toFile());
        }
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome().toString());
        env.put("PATH", javaHome().resolve("bin") + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(spec.environment());
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder.start();
    }

    /**
     * SIGTERM to the process and all its descendants, then SIGKILL to whatever is left after {@code grace}. The
     * descendants are collected first: once the root is gone they are re-parented and no longer findable.
     *
     * @return true if everything ended within the grace period
     */
    public static boolean stopTree(ProcessHandle root, Duration grace) {
        return stopAll(withDescendants(root), grace);
    }

    public static boolean stopAll(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            sleep(100);
        }
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < killDeadline && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(50);
        }
        return false;
    }

    public static List<ProcessHandle> withDescendants(ProcessHandle root) {
        var all = new ArrayList<ProcessHandle>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** Resident set size in KiB of the process and its descendants (Linux only; 0 elsewhere). */
    public static long rssKib(ProcessHandle root) {
        return withDescendants(root).stream().mapToLong(Processes::ownRssKib).sum();
    }

    /** Resident set size in KiB of this one process. */
    public static long ownRssKib(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try (var lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** The last lines of a log file, for error messages. */
    public static List<String> tail(Path file, int lines) {
        if (file == null || !Files.isReadable(file)) {
            return List.of();
        }
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Deque<String> last = new ArrayDeque<>(lines);
            reader.lines().forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
            return List.copyOf(last);
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    public static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /** Sleeps; an interrupt is kept and ends the wait as an IllegalStateException. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
