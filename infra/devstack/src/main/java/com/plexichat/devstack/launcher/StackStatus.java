package com.plexichat.devstack.launcher;

import com.plexichat.devstack.KeycloakServer;
import com.plexichat.devstack.process.Http;
import com.plexichat.devstack.process.Ports;
import com.plexichat.devstack.process.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What runs of the local stack: the status table (port, pid, health, RSS), health checks, and the logs. */
final class StackStatus {

    private final StackConfig config;
    private final PrintStream out;

    StackStatus(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    boolean healthy(Component component) {
        return healthy(component, config.ports().port(component.name()));
    }

    int status() {
        long totalKib = printTable(config.components());
        out.printf(Locale.ROOT, "%nTotal RSS: %.2f GiB%n", totalKib / 1024.0 / 1024.0);
        return 0;
    }

    /** Prints NAME PORT PID HEALTH RSS and returns the summed RSS in KiB. */
    long printTable(List<Component> components) {
        String format = "%-18s %6s %8s %-8s %8s%n";
        out.printf(format, "NAME", "PORT", "PID", "HEALTH", "RSS(MB)");
        long totalKib = 0;
        for (Component component : components) {
            Optional<PidFile> recorded = PidFile.read(config.pidFile(component.name()));
            Optional<ProcessHandle> live = recorded.flatMap(PidFile::live);
            int port = recorded.map(PidFile::port)
                    .filter(p -> p > 0)
                    .orElse(config.ports().port(component.name()));
            String health;
            String rss = "-";
            String pid = "-";
            if (live.isPresent()) {
                pid = Long.toString(live.get().pid());
                health = healthy(component, port) ? "UP" : "DOWN";
                long kib = rssKib(component, live.get());
                totalKib += kib;
                rss = Long.toString(Math.round(kib / 1024.0));
            } else {
                health = recorded.isPresent() ? "DEAD" : "STOPPED";
            }
            out.printf(format, component.name(), port, pid, health, rss);
        }
        return totalKib;
    }

    /** RSS of the process and its descendants, plus (for infra) the detached PostgreSQL processes. */
    private long rssKib(Component component, ProcessHandle process) {
        var handles = new ArrayList<>(Processes.withDescendants(process));
        if (component.kind() == Component.Kind.INFRA) {
            postmaster().ifPresent(postmaster -> handles.addAll(Processes.withDescendants(postmaster)));
        }
        Set<Long> seen = new LinkedHashSet<>();
        return handles.stream()
                .filter(handle -> seen.add(handle.pid()))
                .mapToLong(Processes::ownRssKib)
                .sum();
    }

    int logs(String name, boolean follow) {
        Path log = config.logFile(name);
        if (!Files.exists(log)) {
            out.println("No log " + log);
            return 1;
        }
        try (var channel = FileChannel.open(log)) {
            var buffer = ByteBuffer.allocate(64 * 1024);
            long position = 0;
            while (true) {
                long size = channel.size();
                if (size < position) {
                    position = 0; // truncated or replaced
                }
                int read;
                while ((read = channel.read(buffer, position)) > 0) {
                    out.write(buffer.array(), 0, read);
                    position += read;
                    buffer.clear();
                }
                out.flush();
                if (!follow) {
                    return 0;
                }
                Processes.sleep(300);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean healthy(Component component, int port) {
        String base = "http://" + Ports.LOOPBACK + ":" + port;
        return switch (component.kind()) {
            case INFRA -> Http.status(URI.create(base + "/health")) == 200;
            case KEYCLOAK ->
                Http.status(URI.create(base + "/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration"))
                        == 200;
            case S3 -> Http.status(URI.create(base + "/")) > 0;
            case PLATFORM, SERVICE -> Http.status(URI.create(base + "/actuator/health/readiness")) == 200;
            // Its actuator is on a port no route reaches.
            case GATEWAY ->
                Http.status(URI.create("http://" + Ports.LOOPBACK + ":"
                                + config.ports().port("gateway-management") + "/actuator/health/readiness"))
                        == 200;
        };
    }

    Optional<ProcessHandle> postmaster() {
        Path pidFile = config.home().resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 3) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Instant recorded = Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim()));
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .startInstant()
                            .map(start ->
                                    Duration.between(start, recorded).abs().getSeconds() <= 2)
                            .orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
