package com.plexichat.devstack.launcher;

import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The JDK AOT caches of the Spring components: the missing or stale ones are trained right before their stage
 * starts, and one the JVM refused is dropped so the next up trains it again (docs/local-stack.md).
 */
final class AotTraining {

    private static final int TRAINING_LOG_LINES_ON_FAILURE = 20;
    /** Per extraction or training run; 8 trainings at once on 2 cores take about a minute. */
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(300);

    private final StackConfig config;
    private final LaunchPlan plan;
    private final PrintStream out;
    private final Object lock = new Object();
    /** Training and extraction processes still running; stopped on Ctrl-C. */
    private final Set<Process> training = ConcurrentHashMap.newKeySet();
    /** Spring components started with an AOT cache: where their log stood at launch, to spot a refused cache. */
    private final Map<Component, Long> startedWithCache = new ConcurrentHashMap<>();

    private boolean aborted;
    /** Wall time spent training in this up; not part of the reported cold start. */
    private Duration trainingTime = Duration.ZERO;

    AotTraining(StackConfig config, LaunchPlan plan, PrintStream out) {
        this.config = config;
        this.plan = plan;
        this.out = out;
    }

    Duration time() {
        return trainingTime;
    }

    /** The component was launched with its cache; its log stood at this offset. */
    void launchedWithCache(Component component, long logOffset) {
        startedWithCache.put(component, logOffset);
    }

    /** Ctrl-C: stops the training runs, and none starts after. */
    void stop() {
        synchronized (lock) {
            aborted = true;
        }
        stopTraining();
    }

    /**
     * Trains the missing or stale caches of the components about to start, all in parallel (their dependencies
     * are up: this runs right before their stage starts). A failed training is a warning: that component starts
     * without a cache.
     */
    void trainAotCaches(List<Component> components, Secrets secrets) {
        var stale = new LinkedHashMap<Component, AotCache>();
        for (Component component : components) {
            AotCache cache = plan.aotCache(component);
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
                                cache.trainingCommand(),
                                plan.springEnvironment(component, secrets),
                                config.home(),
                                log),
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
    void checkCacheUsed(Component component) {
        Long offset = startedWithCache.remove(component);
        AotCache cache = plan.aotCache(component);
        if (offset != null && cache != null && AotCache.rejectedIn(config.logFile(component.name()), offset)) {
            cache.invalidate();
            out.printf(
                    "  WARNING: %s could not use its AOT cache (see its log); the next up trains a new one%n",
                    component.name());
        }
    }
}
