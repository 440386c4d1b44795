package com.plexichat.devstack.launcher;

import com.plexichat.devstack.KeycloakServer;
import com.plexichat.devstack.S3Server;
import com.plexichat.devstack.process.Http;
import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Ports;
import com.plexichat.devstack.process.Processes;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** up, down, status and logs of the local stack. Every process is detached and recorded in a pid file. */
final class LocalStack {

    static final String S3_BUCKET = "plexichat-files";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_LINES_ON_FAILURE = 40;
    private static final int TRAINING_LOG_LINES_ON_FAILURE = 20;
    /** Per extraction or training run; 8 trainings at once on 2 cores take about a minute. */
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(300);
    /** Appended to Keycloak's own JVM flags (kc.sh's JAVA_OPTS_APPEND); see {@link #withKeycloakJavaOptions}. */
    static final String KEYCLOAK_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1";

    private final StackConfig config;
    private final PrintStream out;
    private final Object lock = new Object();
    /** Started by this invocation of up, in start order; what Ctrl-C or a failure stops again. */
    private final List<Component> startedHere = new ArrayList<>();
    /** When each component was launched (or found running), to report how long it took to become ready. */
    private final Map<Component, Instant> launchedAt = new ConcurrentHashMap<>();
    /** Spring components started with an AOT cache: where their log stood at launch, to spot a refused cache. */
    private final Map<Component, Long> startedWithCache = new ConcurrentHashMap<>();
    /** Training and extraction processes still running; stopped on Ctrl-C. */
    private final Set<Process> training = ConcurrentHashMap.newKeySet();
    /** Use AOT caches: requested (PLEXICHAT_AOT) and the JDK that runs the components has them. */
    private final boolean aot;

    private boolean aborted;
    /** Wall time spent training AOT caches in this up; not part of the reported cold start. */
    private Duration trainingTime = Duration.ZERO;

    LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.aot = config.aotRequested() && AotCache.supported();
    }

    // ---------------------------------------------------------------------------------------------------- up

    int up(Instant launcherStart) {
        mkdirs(config.logs());
        mkdirs(config.run());
        Secrets secrets = Secrets.loadOrCreate(config.home().resolve("secrets"));
        warnIfSecretsNewerThanKeycloak(secrets);
        out.printf(
                "PlexiChat local stack: %s (home %s)%n",
                String.join(
                        ", ", config.components().stream().map(Component::name).toList()),
                config.home());
        if (config.aotRequested()
                && !aot
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
                stopTraining();
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
                trainAotCaches(toStart, secrets);
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
        Duration coldStart = Duration.between(launcherStart, Instant.now()).minus(trainingTime);

        out.println();
        long totalKib = printTable(config.components());
        out.println();
        if (config.components().stream().anyMatch(c -> c.name().equals("gateway"))) {
            out.printf("Gateway: http://%s:%d%n", Ports.LOOPBACK, config.ports().port("gateway"));
        }
        if (trainingTime.isZero()) {
            out.printf(Locale.ROOT, "Cold start: %.1f s%n", coldStart.toMillis() / 1000.0);
        } else {
            out.printf(
                    Locale.ROOT,
                    "Cold start: %.1f s (excluding %.1f s of AOT cache training, once per build)%n",
                    coldStart.toMillis() / 1000.0,
                    trainingTime.toMillis() / 1000.0);
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
        portsOf(component).forEach((portName, port) -> {
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
        LaunchSpec spec = launchSpec(component, secrets);
        AotCache cache = aotCache(component);
        boolean withCache = cache != null && spec.command().contains("-XX:AOTCache=" + cache.cacheFile());
        synchronized (lock) {
            if (aborted) {
                throw new ComponentFailure(component, "interrupted", false);
            }
            Process process;
            try {
                appendBanner(spec.logFile(), component);
                if (withCache) {
                    startedWithCache.put(component, Files.size(spec.logFile()));
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

    /** The AOT cache of a Spring component, or null when caches are off or it is not a Spring component. */
    private AotCache aotCache(Component component) {
        if (!aot || !component.kind().isSpring()) {
            return null;
        }
        return new AotCache(
                config.aot(),
                component.name(),
                component.jar(config.root(), config.version()),
                config.javaOptions(component));
    }

    /**
     * Trains the missing or stale caches of the components about to start, all in parallel (their dependencies
     * are up: this runs right before their stage starts). A failed training is a warning: that component starts
     * without a cache.
     */
    private void trainAotCaches(List<Component> components, Secrets secrets) {
        var stale = new LinkedHashMap<Component, AotCache>();
        for (Component component : components) {
            AotCache cache = aotCache(component);
            if (cache != null
                    && Files.isRegularFile(component.jar(config.root(), config.version()))
                    && !cache.isValid()) {
                stale.put(component, cache);
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        boolean allServices =
                stale.size() > 1 && stale.keySet().stream().allMatch(c -> c.kind() == Component.Kind.SERVICE);
        String what = stale.size() == 1
                ? stale.keySet().iterator().next().name()
                : stale.size() + (allServices ? " services" : " components");
        out.printf("  AOT cache: training %s ...", what);
        out.flush();
        Instant begin = Instant.now();
        var failures = new LinkedHashMap<Component, String>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new LinkedHashMap<Component, Future<String>>();
            stale.forEach((component, cache) ->
                    futures.put(component, executor.submit(() -> train(component, cache, secrets))));
            for (var entry : futures.entrySet()) {
                String failure;
                try {
                    failure = entry.getValue().get();
                } catch (ExecutionException e) {
                    failure = String.valueOf(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                if (failure != null) {
                    failures.put(entry.getKey(), failure);
                }
            }
        }
        synchronized (lock) {
            if (aborted) { // Ctrl-C: the hook stopped the training runs and said so
                throw new ComponentFailure(stale.firstEntry().getKey(), "interrupted", false);
            }
        }
        Duration took = Duration.between(begin, Instant.now());
        trainingTime = trainingTime.plus(took);
        out.printf(Locale.ROOT, " %.1f s (once per build)%n", took.toMillis() / 1000.0);
        failures.forEach((component, failure) -> {
            Path log = stale.get(component).trainingLog();
            out.printf(
                    "  WARNING: AOT cache training of %s failed (%s); starting it without a cache. Last lines of %s:%n",
                    component.name(), failure, log);
            Processes.tail(log, TRAINING_LOG_LINES_ON_FAILURE).forEach(line -> out.println("    " + line));
        });
    }

    /** Extracts the jar and runs the training; null on success, else what went wrong. */
    private String train(Component component, AotCache cache, Secrets secrets) {
        try {
            Map<String, String> stamp = cache.currentStamp(true);
            cache.reset();
            Path log = cache.trainingLog();
            String failure =
                    runToEnd(new LaunchSpec(cache.extractCommand(), Map.of(), config.home(), log), "extracting");
            if (failure == null) {
                failure = runToEnd(
                        new LaunchSpec(
                                cache.trainingCommand(), springEnvironment(component, secrets), config.home(), log),
                        "training run");
            }
            if (failure == null && !Files.isRegularFile(cache.cacheFile())) {
                failure = "no cache written";
            }
            if (failure == null) {
                cache.recordTrained(stamp);
            }
            return failure;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /** Runs a process to its end (output appended to the spec's log); null if it exited with 0. */
    private String runToEnd(LaunchSpec spec, String what) throws IOException {
        Process process;
        synchronized (lock) {
            if (aborted) {
                return "interrupted";
            }
            process = Processes.launch(spec, true);
            training.add(process);
        }
        try {
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                Processes.stopTree(process.toHandle(), Duration.ofSeconds(5));
                return what + " not done after " + TRAINING_TIMEOUT.toSeconds() + " s";
            }
            int exit = process.exitValue();
            return exit == 0 ? null : what + " exited with code " + exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.stopTree(process.toHandle(), Duration.ofSeconds(5));
            return "interrupted";
        } finally {
            training.remove(process);
        }
    }

    private void stopTraining() {
        var handles = new ArrayList<ProcessHandle>();
        training.forEach(process -> handles.addAll(Processes.withDescendants(process.toHandle())));
        if (!handles.isEmpty()) {
            Processes.stopAll(handles, Duration.ofSeconds(5));
        }
    }

    /** A component that ran without its cache (the JVM refused it) gets a new one on the next up. */
    private void checkCacheUsed(Component component) {
        Long offset = startedWithCache.remove(component);
        AotCache cache = aotCache(component);
        if (offset != null && cache != null && AotCache.rejectedIn(config.logFile(component.name()), offset)) {
            cache.invalidate();
            out.printf(
                    "  WARNING: %s could not use its AOT cache (see its log); the next up trains a new one%n",
                    component.name());
        }
    }

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
                if (healthy(component)) {
                    out.printf(
                            Locale.ROOT,
                            "  %-18s ready after %.1f s%s%n",
                            component.name(),
                            Duration.between(launchedAt.getOrDefault(component, now), Instant.now())
                                            .toMillis()
                                    / 1000.0,
                            cpuSpent(component));
                    checkCacheUsed(component);
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
                sleep(500);
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
                deleteQuietly(config.pidFile(component.name()));
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
        postmaster().ifPresent(postmaster -> {
            out.println("  stopping orphaned PostgreSQL (pid " + postmaster.pid() + ")");
            Processes.stopTree(postmaster, STOP_GRACE);
        });
    }

    private Optional<ProcessHandle> postmaster() {
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

    // ------------------------------------------------------------------------------------------------ status

    int status() {
        long totalKib = printTable(config.components());
        out.printf(Locale.ROOT, "%nTotal RSS: %.2f GiB%n", totalKib / 1024.0 / 1024.0);
        return 0;
    }

    /** Prints NAME PORT PID HEALTH RSS and returns the summed RSS in KiB. */
    private long printTable(List<Component> components) {
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

    // -------------------------------------------------------------------------------------------------- logs

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
                sleep(300);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // -------------------------------------------------------------------------------------------- components

    private Optional<ProcessHandle> running(Component component) {
        Path pidFile = config.pidFile(component.name());
        Optional<PidFile> recorded = PidFile.read(pidFile);
        Optional<ProcessHandle> live = recorded.flatMap(PidFile::live);
        if (recorded.isPresent() && live.isEmpty() && !startedHere.contains(component)) {
            deleteQuietly(pidFile); // stale: the process ended without down
        }
        return live;
    }

    private boolean healthy(Component component) {
        return healthy(component, config.ports().port(component.name()));
    }

    private boolean healthy(Component component, int port) {
        String base = "http://" + Ports.LOOPBACK + ":" + port;
        return switch (component.kind()) {
            case INFRA -> Http.status(URI.create(base + "/health")) == 200;
            case KEYCLOAK ->
                Http.status(URI.create(base + "/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration"))
                        == 200;
            case S3 -> Http.status(URI.create(base + "/")) > 0;
            case PLATFORM, SERVICE, GATEWAY -> Http.status(URI.create(base + "/actuator/health/readiness")) == 200;
        };
    }

    /** Every port a component binds, by the name of its PLEXICHAT_PORT_ variable. */
    private Map<String, Integer> portsOf(Component component) {
        var ports = config.ports();
        var bound = new LinkedHashMap<String, Integer>();
        switch (component.kind()) {
            case INFRA ->
                List.of("infra", "postgres", "kafka", "kafka-controller", "smtp", "imap")
                        .forEach(name -> bound.put(name, ports.port(name)));
            case KEYCLOAK -> {
                bound.put("keycloak", ports.port("keycloak"));
                // Keycloak's management interface always sits on the next port.
                bound.put("keycloak management", ports.port("keycloak") + 1);
            }
            default -> bound.put(component.name(), ports.port(component.name()));
        }
        return bound;
    }

    private LaunchSpec launchSpec(Component component, Secrets secrets) {
        var ports = config.ports();
        Path log = config.logFile(component.name());
        return switch (component.kind()) {
            case INFRA -> {
                var command = new ArrayList<String>();
                command.add(Processes.javaExecutable().toString());
                command.addAll(config.javaOptions());
                command.addAll(selfInvocation("infra", InfraMain.class.getName()));
                command.add("--home=" + config.home());
                command.add("--port=" + ports.port("infra"));
                command.add("--postgres-port=" + ports.port("postgres"));
                command.add("--kafka-port=" + ports.port("kafka"));
                command.add("--kafka-controller-port=" + ports.port("kafka-controller"));
                command.add("--smtp-port=" + ports.port("smtp"));
                command.add("--imap-port=" + ports.port("imap"));
                yield new LaunchSpec(command, Map.of(), config.home(), log);
            }
            case KEYCLOAK ->
                withKeycloakJavaOptions(new KeycloakServer(
                                config.home().resolve("keycloak"),
                                ports.port("keycloak"),
                                keycloakEnvironment(secrets),
                                true)
                        .prepare()
                        .withLogFile(log));
            case S3 ->
                new S3Server(
                                config.home().resolve("s3"),
                                ports.port("s3"),
                                Secrets.S3_ACCESS_KEY,
                                secrets.s3SecretKey(),
                                S3_BUCKET)
                        .prepare()
                        .withLogFile(log);
            case PLATFORM, SERVICE, GATEWAY -> {
                Path jar = component.jar(config.root(), config.version());
                if (!Files.isRegularFile(jar)) {
                    throw new ComponentFailure(
                            component, jar + " does not exist; build first (./plexichat build)", false);
                }
                AotCache cache = aotCache(component);
                List<String> command;
                if (cache != null && cache.isValid()) {
                    command = cache.runCommand();
                } else {
                    command = new ArrayList<>();
                    command.add(Processes.javaExecutable().toString());
                    command.addAll(config.javaOptions(component));
                    command.add("-jar");
                    command.add(jar.toString());
                }
                yield new LaunchSpec(command, springEnvironment(component, secrets), config.home(), log);
            }
        };
    }

    private static Map<String, String> keycloakEnvironment(Secrets secrets) {
        var env = new LinkedHashMap<String, String>(secrets.serviceClientVariables());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", Secrets.KEYCLOAK_ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.keycloakAdminPassword());
        env.put("PLEXICHAT_ADMIN_PASSWORD", secrets.adminPassword());
        env.put("PLEXICHAT_AUTH_CLIENT_SECRET", secrets.authClientSecret());
        return env;
    }

    /**
     * Keycloak runs with C1 only, like the Spring JVMs: on 2 cores that cut its CPU time to readiness from about
     * 17 to 10 s, CPU the components on the critical path get instead (kc.sh already picks G1, so no SerialGC).
     */
    private static LaunchSpec withKeycloakJavaOptions(LaunchSpec spec) {
        var env = new LinkedHashMap<String, String>(spec.environment());
        env.merge("JAVA_OPTS_APPEND", KEYCLOAK_JAVA_OPTIONS, (old, extra) -> old + " " + extra);
        return new LaunchSpec(spec.command(), env, spec.workingDirectory(), spec.logFile());
    }

    private Map<String, String> springEnvironment(Component component, Secrets secrets) {
        var ports = config.ports();
        String loopback = "http://" + Ports.LOOPBACK + ":";
        String postgres = "jdbc:postgresql://" + Ports.LOOPBACK + ":" + ports.port("postgres");
        var env = new LinkedHashMap<String, String>();
        env.put("SERVER_PORT", Integer.toString(ports.port(component.name())));
        env.put("SPRING_PROFILES_ACTIVE", "dev");
        env.put("PLEXICHAT_CONFIG_URL", loopback + ports.port("config-server"));
        env.put("PLEXICHAT_EUREKA_URL", loopback + ports.port("discovery-server") + "/eureka/");
        // The server only: config-repo/<service>.yml names the database, as it does on Kubernetes.
        env.put("PLEXICHAT_POSTGRES_URL", postgres);
        env.put("PLEXICHAT_POSTGRES_USERNAME", "postgres");
        env.put("PLEXICHAT_POSTGRES_PASSWORD", "postgres");
        env.put("PLEXICHAT_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":" + ports.port("kafka"));
        env.put("PLEXICHAT_KEYCLOAK_URL", loopback + ports.port("keycloak"));
        env.put("PLEXICHAT_AUTH_CLIENT_SECRET", secrets.authClientSecret());
        env.put("PLEXICHAT_AUTH_ENCRYPTION_KEY", secrets.authEncryptionKey());
        // What clients reach: share links start with the gateway's URL.
        env.put("PLEXICHAT_PUBLIC_URL", loopback + ports.port("gateway"));
        if (component.name().equals("file-service")) {
            env.put("PLEXICHAT_FILES_SHARE_SECRET", secrets.filesShareSecret());
        }
        if (component.name().equals("admin-service")) {
            env.put("PLEXICHAT_AUDIT_SIGNING_KEY", secrets.auditSigningKey());
        }
        // Each service only its own client's secret.
        String serviceClientSecret = secrets.serviceClientSecret(component.name());
        if (serviceClientSecret != null) {
            env.put("PLEXICHAT_SERVICE_CLIENT_SECRET", serviceClientSecret);
        }
        env.put("PLEXICHAT_S3_ENDPOINT", loopback + ports.port("s3"));
        env.put("PLEXICHAT_S3_ACCESS_KEY", Secrets.S3_ACCESS_KEY);
        env.put("PLEXICHAT_S3_SECRET_KEY", secrets.s3SecretKey());
        env.put("PLEXICHAT_S3_BUCKET", S3_BUCKET);
        env.put("PLEXICHAT_SMTP_HOST", Ports.LOOPBACK);
        env.put("PLEXICHAT_SMTP_PORT", Integer.toString(ports.port("smtp")));
        env.put("PLEXICHAT_CONFIG_REPO", config.root().resolve("config-repo").toString());
        return env;
    }

    /**
     * How to run a main class of devstack itself: through the exec jar and a subcommand when running from it, or
     * straight from the class path when running from an IDE or target/classes.
     */
    private List<String> selfInvocation(String subcommand, String mainClass) {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            return List.of(
                    "-jar", privateCopy(Path.of(classPath).toAbsolutePath()).toString(), subcommand);
        }
        return List.of("-cp", classPath, mainClass);
    }

    /**
     * The infra JVM runs from a copy of the exec jar: rebuilding devstack rewrites target/*-exec.jar in place,
     * which would pull classes out from under a running Kafka. Replaced by rename, so a JVM still running from
     * an older copy keeps its file.
     */
    private Path privateCopy(Path jar) {
        Path copy = config.run().resolve("devstack-exec.jar");
        try {
            if (Files.exists(copy)
                    && Files.size(copy) == Files.size(jar)
                    && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar))) {
                return copy;
            }
            Path temp = config.run().resolve("devstack-exec.jar.tmp");
            Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return copy;
        } catch (IOException e) {
            return jar;
        }
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

    private static void appendBanner(Path log, Component component) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "==== plexichat: starting " + component.name() + " at " + Instant.now() + " ====\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover pid file is detected as stale by its start time
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A component that did not come up, with the reason. */
    static final class ComponentFailure extends RuntimeException {
        final Component component;
        /** False when it failed before it ran: its log is from an earlier run then. */
        final boolean showLog;

        ComponentFailure(Component component, String message, boolean showLog) {
            super(message);
            this.component = component;
            this.showLog = showLog;
        }
    }
}
