package com.plexichat.devstack.launcher;

import com.plexichat.devstack.KafkaServer;
import com.plexichat.devstack.MailServer;
import com.plexichat.devstack.PostgresServer;
import com.plexichat.devstack.ReceivedMail;
import com.plexichat.devstack.process.Ports;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's infrastructure in one JVM: PostgreSQL (a child process), Kafka and GreenMail, plus a small
 * HTTP endpoint on the infra port: {@code GET /health}, {@code GET /mail}, {@code DELETE /mail}.
 */
public final class InfraMain {

    /** One database per service, created on every start if missing. */
    static final List<String> DATABASES = Component.SERVICES;

    private static final String LOGBACK_CONFIG = "com/plexichat/devstack/launcher/infra-logback.xml";

    private final Path home;
    private final Map<String, Integer> ports;
    private volatile PostgresServer postgres;
    private volatile KafkaServer kafka;
    private volatile MailServer mail;
    private volatile boolean ready;
    private HttpServer http;

    InfraMain(Path home, Map<String, Integer> ports) {
        this.home = home;
        this.ports = Map.copyOf(ports);
    }

    public static void main(String[] args) throws Exception {
        // Set before the first logger exists; a plain logback.xml in the jar would hijack the logging of every
        // test that has devstack on its classpath.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        Map<String, String> options = parse(args);
        Path home = Path.of(required(options, "home")).toAbsolutePath();
        var ports = new HashMap<String, Integer>();
        for (String name :
                List.of("port", "postgres-port", "kafka-port", "kafka-controller-port", "smtp-port", "imap-port")) {
            ports.put(name, Integer.parseInt(required(options, name)));
        }
        var infra = new InfraMain(home, ports);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            infra.stop();
                            stopped.countDown();
                        },
                        "infra-shutdown"));
        try {
            infra.start();
        } catch (Exception e) {
            LoggerFactory.getLogger(InfraMain.class).error("infrastructure did not start", e);
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws IOException {
        Logger log = LoggerFactory.getLogger(InfraMain.class);
        long started = System.nanoTime();
        startHttp();
        log.info("infra endpoint on http://{}:{} (503 until everything is up)", Ports.LOOPBACK, ports.get("port"));

        postgres = new PostgresServer(
                home.resolve("postgres"),
                ports.get("postgres-port"),
                home.resolve("logs").resolve("postgres.log"));
        kafka = new KafkaServer(home.resolve("kafka"), ports.get("kafka-port"), ports.get("kafka-controller-port"));
        mail = new MailServer(ports.get("smtp-port"), ports.get("imap-port"));

        // PostgreSQL is a separate process, so overlapping its start with Kafka's costs little CPU.
        var postgresStarted = CompletableFuture.runAsync(() -> {
            postgres.start();
            DATABASES.forEach(postgres::createDatabaseIfMissing);
        });
        mail.start();
        kafka.start();
        postgresStarted.join();
        ready = true;
        log.info(
                "infrastructure up in {} ms: postgres {}, kafka {}, smtp {}, imap {}",
                (System.nanoTime() - started) / 1_000_000,
                postgres.port(),
                kafka.bootstrapServers(),
                mail.smtpPort(),
                mail.imapPort());
    }

    void stop() {
        ready = false;
        Logger log = LoggerFactory.getLogger(InfraMain.class);
        log.info("stopping infrastructure");
        if (http != null) {
            http.stop(0);
        }
        closeQuietly("mail", mail);
        closeQuietly("kafka", kafka);
        closeQuietly("postgres", postgres);
        log.info("infrastructure stopped");
    }

    private static void closeQuietly(String name, AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(InfraMain.class).warn("{} did not stop cleanly", name, e);
        }
    }

    private void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, ports.get("port")), 16);
        http.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "infra-http");
            thread.setDaemon(true);
            return thread;
        }));
        http.createContext("/health", exchange -> {
            try (exchange) {
                Map<String, String> checks = health();
                boolean up = checks.values().stream().allMatch("UP"::equals);
                String body = "{\"status\":" + Json.string(up ? "UP" : (ready ? "DOWN" : "STARTING"))
                        + checks.entrySet().stream()
                                .map(e -> "," + Json.string(e.getKey()) + ":" + Json.string(e.getValue()))
                                .collect(Collectors.joining())
                        + "}";
                respond(exchange, up ? 200 : 503, body);
            }
        });
        http.createContext("/mail", exchange -> {
            try (exchange) {
                MailServer current = mail;
                switch (exchange.getRequestMethod()) {
                    case "GET" -> respond(exchange, 200, mailJson(current == null ? List.of() : current.messages()));
                    case "DELETE" -> {
                        if (current != null) {
                            current.purge();
                        }
                        respond(exchange, 200, "[]");
                    }
                    default -> respond(exchange, 405, "{\"error\":\"GET or DELETE\"}");
                }
            }
        });
        http.start();
    }

    private Map<String, String> health() {
        var checks = new LinkedHashMap<String, String>();
        checks.put("postgres", state(postgres != null && ready, ports.get("postgres-port")));
        checks.put("kafka", state(kafka != null && kafka.isRunning(), ports.get("kafka-port")));
        checks.put("smtp", state(mail != null && ready, ports.get("smtp-port")));
        return checks;
    }

    private String state(boolean started, int port) {
        if (!started) {
            return ready ? "DOWN" : "STARTING";
        }
        return Ports.accepts(port) ? "UP" : "DOWN";
    }

    static String mailJson(List<ReceivedMail> mails) {
        return mails.stream()
                .map(mail -> "{\"from\":" + Json.string(mail.from())
                        + ",\"to\":[" + mail.to().stream().map(Json::string).collect(Collectors.joining(",")) + "]"
                        + ",\"subject\":" + Json.string(mail.subject())
                        + ",\"text\":" + Json.string(mail.text())
                        + ",\"received_at\":" + Json.string(mail.receivedAt().toString())
                        + "}")
                .collect(Collectors.joining(",\n", "[", "]\n"));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> parse(String[] args) {
        var options = new HashMap<String, String>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                int eq = arg.indexOf('=');
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("unexpected argument " + arg + " (expected --name=value)");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }
}
