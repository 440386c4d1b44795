package com.plexichat.devstack;

import com.plexichat.devstack.process.Http;
import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Processes;
import com.plexichat.devstack.process.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A server that runs as a child process of the JVM using it (Keycloak, s3proxy): started and awaited with the tail
 * of its log on failure, stopped with its descendants, and stopped at JVM exit too, so a test JVM that never calls
 * {@link #close()} leaves nothing running.
 */
abstract class ChildProcessServer implements AutoCloseable {

    private final String name;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private Process process;
    private Thread shutdownHook;

    ChildProcessServer(String name, Duration startTimeout, Duration stopGrace) {
        this.name = name;
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
    }

    /** Gets everything on disk ready and returns the command without running it (the launcher runs it detached). */
    public abstract LaunchSpec prepare();

    public abstract boolean isReady();

    public abstract int port();

    /** Starts the process and waits until it is ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        LaunchSpec spec = prepare();
        try {
            process = Processes.launch(spec, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> Processes.stopTree(started.toHandle(), stopGrace));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady(startTimeout, started::isAlive);
        } catch (StartupException e) {
            stop();
            throw new StartupException(
                    e.getMessage() + "; last lines of " + spec.logFile() + ":\n"
                            + String.join("\n", Processes.tail(spec.logFile(), 40)),
                    e);
        }
    }

    public void awaitReady(Duration timeout, BooleanSupplier alive) {
        Http.await(name + " on port " + port(), timeout, this::isReady, alive);
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.stopTree(process.toHandle(), stopGrace);
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
        shutdownHook = null;
    }

    @Override
    public void close() {
        stop();
    }
}
