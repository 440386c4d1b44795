package com.plexichat.systemtests;

import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Ports;
import com.plexichat.devstack.process.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway as operators run it: its built jar in a JVM of its own, configured by config-repo
 * files, command-line arguments and environment, the way the launcher and Kubernetes do.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path ROOT =
            Path.of(System.getProperty("plexichat.root", "..")).toAbsolutePath().normalize();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;

    private GatewayProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /**
     * @param jvmFlags e.g. the local stack's small-machine flags, or none for a benchmark
     * @param arguments Spring arguments ({@code --key=value}); they outrank every configuration file
     */
    static GatewayProcess start(
            String name, List<String> jvmFlags, List<String> arguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path jar = ROOT.resolve("gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the gateway first: " + jar + " is missing");
        }
        int port = Ports.free();
        int managementPort = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable().toString());
        command.addAll(jvmFlags);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--management.server.port=" + managementPort);
        command.add("--management.server.address=127.0.0.1");
        command.add("--spring.cloud.config.enabled=false");
        command.add("--eureka.client.enabled=false");
        command.addAll(arguments);
        Path log = ROOT.resolve("system-tests/target/logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        Process process = Processes.launch(new LaunchSpec(command, environment, ROOT, log), false);
        GatewayProcess gateway = new GatewayProcess(name, port, managementPort, process, log);
        gateway.awaitReady(Duration.ofSeconds(180));
        return gateway;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Actuator: probes and Prometheus, on a port no route reaches. */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + String.join("\n", Processes.tail(log, 60)));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(
                name + " not ready within " + timeout + ":\n" + String.join("\n", Processes.tail(log, 60)));
    }

    /**
     * What to look at when a request to this gateway went unanswered: its threads (written next to its
     * log) and the end of its log.
     */
    String diagnostics() {
        Path threads = log.resolveSibling(name + "-threads-" + System.currentTimeMillis() + ".txt");
        try {
            Path jcmd = Processes.javaHome().resolve("bin/jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(threads.toFile())
                    .start()
                    .waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            return "no thread dump (" + e + "); " + name + " log:\n" + String.join("\n", Processes.tail(log, 80));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name + " threads in " + threads + "; its log ends:\n" + String.join("\n", Processes.tail(log, 80));
    }

    @Override
    public void close() {
        Processes.stopTree(process.toHandle(), Duration.ofSeconds(20));
    }
}
