package com.plexichat.devstack.launcher;

import com.plexichat.devstack.KeycloakServer;
import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Ports;
import com.plexichat.devstack.process.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * up and down of the local stack: stage by stage, each component started detached and recorded in a pid file,
 * then awaited; what a failed or interrupted up started is stopped again. How each component runs is
 * {@link LaunchPlan}, its AOT cache {@link AotTraining}, the table and logs {@link StackStatus}.
 */
final class LocalStack {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final StackConfig config;
    private final PrintStream out;
    private final LaunchPlan plan;
    private final AotTraining aotTraining;
    private final StackStatus status;
    private final Object lock = new Object();
    /** Started by this invocation of up, in start order; what Ctrl-C or a failure stops again. */
    private final List<Component> startedHere = new ArrayList<>();
    /** When each component was launched (or found running), to report how long it took to become ready. */
    private final Map<Component, Instant> launchedAt = new ConcurrentHashMap<>();

    private boolean aborted;

    LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.plan = new LaunchPlan(config);
        this.aotTraining = new AotTraining(config, plan, out);
        this.status = new StackStatus(config, out);
    }

    // ---------------------------------------------------------------------------------------------------- up

    int up(Instant launcherStart) {
        StackIo.mkdirs(config.logs());
        StackIo.mkdirs(config.run());
        Secrets secrets = Secrets.loadOrCreate(config.home().resolve("secrets"));
        warnIfSecretsNewerThanKeycloak(secrets);
        out.printf(
                "PlexiChat local stack: %s (home %s)%n",
                String.join(
                        ", ", config.components().stream().map(Component::name).toList()),
                config.home());
        if (config.aotRequested()
                && !plan.aot()
                && config.components().stream().anyMatch(c -> c.kind().isSpring())) {
            out.printf(
                    "  AOT cache: off (the components run on JDK %d; it needs %d+)%n",
                    Runtime.version().feature(), AotCache.MIN_JDK);
        }

        var finished = new AtomicBoolean();
        Thread interruptHook = new Thread(() -> {
            if (!finished.get()) {
                synchronized (lock) {
                    aborted = true;
                }
                out.println();
                out.println("Interrupted: stopping what this run started.");
                aotTraining.stop();
                stopStartedHere();
            }
        });
        Runtime.getRuntime().addShutdownHook(interruptHook);

        try {
            for (int stage = 0; stage <= Component.LAST_STAGE; stage++) {
                var toStart = new ArrayList<Component>();
                for (Component component : inStage(stage, true)) {
                    if (needsStart(component)) {
                        toStart.add(component);
                    }
                }
                aotTraining.trainAotCaches(toStart, secrets);
                for (Component component : toStart) {
                    start(component, secrets);
                }
                awaitReady(inStage(stage, false));
            }
        } catch (ComponentFailure failure) {
            finished.set(true);
            reportFailure(failure);
            stopStartedHere();
            return 1;
        } catch (RuntimeException e) {
            finished.set(true);
            out.println("up failed: " + e.getMessage());
            stopStartedHere();
            return 1;
        }
        finished.set(true);
        Duration coldStart = Duration.between(launcherStart, Instant.now()).minus(aotTraining.time());

        out.println();
        long totalKib = status.printTable(config.components());
        out.println();
        if (config.components().stream().anyMatch(c -> c.name().equals("gateway"))) {
            out.printf("Gateway: http://%s:%d%n", Ports.LOOPBACK, config.ports().port("gateway"));
        }
        if (aotTraining.time().isZero()) {
            out.printf(Locale.ROOT, "Cold start: %.1f s%n", coldStart.toMillis() / 1000.0);
        } else {
            out.printf(
                    Locale.ROOT,
                    "Cold start: %.1f s (excluding %.1f s of AOT cache training, once per build)%n",
                    coldStart.toMillis() / 1000.0,
                    aotTraining.time().toMillis() / 1000.0);
        }
        out.printf(Locale.ROOT, "Total RSS: %.2f GiB%n", totalKib / 1024.0 / 1024.0);
        if (config.components().stream().anyMatch(c -> c.name().equals("infra"))) {
            out.printf(
                    "Mailbox: http://%s:%d/mail%n",
                    Ports.LOOPBACK, config.ports().port("infra"));
        }
        if (secrets.adminPasswordGenerated()) {
            out.printf(
                    "First admin user: %s / %s (stored in %s)%n",
                    Secrets.ADMIN_USERNAME,
                    secrets.adminPassword(),
                    secrets.dir().resolve(Secrets.ADMIN_PASSWORD_FILE));
        }
        return 0;
    }

    private List<Component> inStage(int stage, boolean starting) {
        return config.components().stream()
                .filter(c -> (starting ? c.startStage() : c.readyStage()) == stage)
                .toList();
    }

    /** False (and says so) if the component already runs; fails if one of its ports is taken. */
    private boolean needsStart(Component component) {
        Optional<ProcessHandle> running = running(component);
        if (running.isPresent()) {
            out.printf(
                    "  %-18s already running (pid %d)%n",
                    component.name(), running.get().pid());
            return false;
        }
        if (component.kind() == Component.Kind.INFRA) {
            stopOrphanedPostgres();
        }
        plan.portsOf(component).forEach((portName, port) -> {
            if (!Ports.isFree(port)) {
                throw new ComponentFailure(
                        component,
                        "port " + port + " (" + portName + ") is already in use by a process this launcher did not"
                                + " start; free it or set " + PortPlan.variable(portName.split(" ")[0])
                                + " or PLEXICHAT_PORT_OFFSET",
                        false);
            }
        });
        return true;
    }

    private void start(Component component, Secrets secrets) {
        LaunchSpec spec = plan.launchSpec(component, secrets);
        AotCache cache = plan.aotCache(component);
        boolean withCache = cache != null && spec.command().contains("-XX:AOTCache=" + cache.cacheFile());
        synchronized (lock) {
            if (aborted) {
                throw new ComponentFailure(component, "interrupted", false);
            }
            Process process;
            try {
                StackIo.appendBanner(spec.logFile(), component);
                if (withCache) {
                    aotTraining.launchedWithCache(component, Files.size(spec.logFile()));
                }
                process = Processes.launch(spec, true);
            } catch (IOException e) {
                throw new ComponentFailure(component, "cannot launch: " + e.getMessage(), false);
            }
            PidFile.of(process.toHandle(), config.ports().port(component.name()))
                    .write(config.pidFile(component.name()));
            startedHere.add(component);
            launchedAt.put(component, Instant.now());
            out.printf(
                    "  %-18s starting on port %d (pid %d%s)%n",
                    component.name(),
                    config.ports().port(component.name()),
                    process.pid(),
                    withCache ? ", AOT cache" : "");
        }
    }

    // ------------------------------------------------------------------------------------------------ AOT cache

    /** Polls all components of a stage together; the first one that dies or times out fails the whole up. */
    private void awaitReady(List<Component> components) {
        var pending = new LinkedHashMap<Component, Instant>();
        Instant now = Instant.now();
        components.forEach(c -> pending.put(c, now.plus(c.kind().timeout)));
        while (!pending.isEmpty()) {
            var iterator = pending.entrySet().iterator();
            while (iterator.hasNext()) {
                var entry = iterator.next();
                Component component = entry.getKey();
                if (status.healthy(component)) {
                    out.printf(
                            Locale.ROOT,
                            "  %-18s ready after %.1f s%s%n",
                            component.name(),
                            Duration.between(launchedAt.getOrDefault(component, now), Instant.now())
                                            .toMillis()
                                    / 1000.0,
                            cpuSpent(component));
                    aotTraining.checkCacheUsed(component);
                    iterator.remove();
                } else if (running(component).isEmpty()) {
                    throw new ComponentFailure(component, "the process exited", true);
                } else if (Instant.now().isAfter(entry.getValue())) {
                    throw new ComponentFailure(
                            component,
                            "not healthy after " + component.kind().timeout.toSeconds() + " s",
                            true);
                }
            }
            if (!pending.isEmpty()) {
                Processes.sleep(500);
            }
        }
    }

    /**
     * CPU time the component's processes used so far, as " (12.3 CPU-s)", for the ones this up started. On a
     * small machine the start is CPU-bound, so this says more than the wall time when other work competes.
     */
    private String cpuSpent(Component component) {
        if (!startedHere.contains(component)) {
            return "";
        }
        long millis = running(component).stream()
                .flatMap(process -> Processes.withDescendants(process).stream())
                .mapToLong(process -> process.info()
                        .totalCpuDuration()
                        .map(Duration::toMillis)
                        .orElse(0L))
                .sum();
        return millis == 0 ? "" : String.format(Locale.ROOT, " (%.1f CPU-s)", millis / 1000.0);
    }

    private void reportFailure(ComponentFailure failure) {
        String name = failure.component.name();
        out.println();
        out.printf("%s did not come up: %s%n", name, failure.getMessage());
        Path log = config.logFile(name);
        if (failure.showLog && Files.exists(log)) {
            out.printf("---- last %d lines of %s ----%n", LOG_LINES_ON_FAILURE, log);
            Processes.tail(log, LOG_LINES_ON_FAILURE).forEach(out::println);
            out.println("----");
        }
        if (!startedHere.isEmpty()) {
            out.println("Stopping what this run started.");
        }
    }

    private void stopStartedHere() {
        List<Component> toStop;
        synchronized (lock) {
            toStop = List.copyOf(startedHere);
            startedHere.clear();
        }
        stopInReverse(toStop);
    }

    // -------------------------------------------------------------------------------------------------- down

    int down() {
        List<Component> recorded = config.components().stream()
                .filter(c -> Files.exists(config.pidFile(c.name())))
                .toList();
        if (recorded.isEmpty()) {
            out.println("Nothing recorded as running in " + config.run());
        }
        stopInReverse(recorded);
        if (config.components().stream().anyMatch(c -> c.kind() == Component.Kind.INFRA)) {
            stopOrphanedPostgres();
        }
        return 0;
    }

    /** Stops the components stage by stage, last stage first; the members of one stage stop together. */
    private void stopInReverse(List<Component> components) {
        var byStage = new TreeMap<Integer, List<Component>>(Comparator.reverseOrder());
        components.forEach(c ->
                byStage.computeIfAbsent(stopStage(c), k -> new ArrayList<>()).add(c));
        for (List<Component> stage : byStage.values()) {
            var handles = new ArrayList<ProcessHandle>();
            var names = new ArrayList<String>();
            for (Component component : stage.reversed()) {
                Path pidFile = config.pidFile(component.name());
                Optional<ProcessHandle> live = PidFile.read(pidFile).flatMap(PidFile::live);
                if (live.isPresent()) {
                    handles.addAll(Processes.withDescendants(live.get()));
                    names.add(component.name() + " (pid " + live.get().pid() + ")");
                } else {
                    names.add(component.name() + " (not running)");
                }
            }
            out.println("  stopping " + String.join(", ", names));
            boolean graceful = handles.isEmpty() || Processes.stopAll(handles, STOP_GRACE);
            if (!graceful) {
                out.println("    some did not stop within " + STOP_GRACE.toSeconds() + " s and were killed");
            }
            for (Component component : stage) {
                StackIo.deleteQuietly(config.pidFile(component.name()));
            }
        }
    }

    /** Keycloak is stopped in the same batch as s3; infra last, because the services hold connections to it. */
    private static int stopStage(Component component) {
        return component.kind() == Component.Kind.INFRA ? -1 : component.startStage();
    }

    /**
     * pg_ctl detaches the postmaster from the infra JVM, so it is not one of its descendants. The infra JVM stops
     * it on SIGTERM; this catches the case where that JVM had to be killed. The postmaster.pid file records the
     * postmaster's own start time, which guards against a reused pid as our pid files do.
     */
    private void stopOrphanedPostgres() {
        status.postmaster().ifPresent(postmaster -> {
            out.println("  stopping orphaned PostgreSQL (pid " + postmaster.pid() + ")");
            Processes.stopTree(postmaster, STOP_GRACE);
        });
    }

    // ----------------------------------------------------------------------------------------- status, logs

    int status() {
        return status.status();
    }

    int logs(String name, boolean follow) {
        return status.logs(name, follow);
    }

    // -------------------------------------------------------------------------------------------- components

    private Optional<ProcessHandle> running(Component component) {
        Path pidFile = config.pidFile(component.name());
        Optional<PidFile> recorded = PidFile.read(pidFile);
        Optional<ProcessHandle> live = recorded.flatMap(PidFile::live);
        if (recorded.isPresent() && live.isEmpty() && !startedHere.contains(component)) {
            StackIo.deleteQuietly(pidFile); // stale: the process ended without down
        }
        return live;
    }

    private void warnIfSecretsNewerThanKeycloak(Secrets secrets) {
        boolean realmExists = Files.isDirectory(
                config.home().resolve("keycloak").resolve("data").resolve("h2"));
        if (realmExists
                && (secrets.generated().contains("auth-client-secret")
                        || KeycloakServer.SERVICE_CLIENTS.stream()
                                .anyMatch(service -> secrets.generated().contains(Secrets.clientSecretFile(service)))
                        || secrets.generated().contains(Secrets.ADMIN_PASSWORD_FILE))) {
            out.println("WARNING: new secrets were generated but Keycloak already holds a realm imported with the old"
                    + " ones. Delete " + config.home().resolve("keycloak").resolve("data")
                    + " (while the stack is down) to re-import.");
        }
    }
}
