package com.plexichat.systemtests;

import static com.plexichat.systemtests.SystemStack.GATEWAY;
import static com.plexichat.systemtests.SystemStack.HTTP;
import static com.plexichat.systemtests.SystemStack.JSON;
import static com.plexichat.systemtests.SystemStack.OFFSET;
import static com.plexichat.systemtests.SystemStack.PASSWORD;
import static com.plexichat.systemtests.SystemStack.ROOT;
import static com.plexichat.systemtests.SystemStack.data;
import static com.plexichat.systemtests.SystemStack.register;
import static com.plexichat.systemtests.SystemStack.retryUntil;
import static com.plexichat.systemtests.SystemStack.send;

import com.plexichat.platform.test.KeycloakTestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What messaging costs on this machine (issue 7's benchmark; on demand with {@code ./mvnw -pl system-tests
 * verify -Pbenchmark -Dit.test=MessagingBenchmark}, never in the test command). Starts the whole stack as
 * {@code ./plexichat up} does (own data directory, ports offset by 11000), and through the gateway only:
 *
 * <ol>
 *   <li>peak sends per second (closed loop, {@code benchmark.concurrency} senders), and its ratio to a
 *       pgbench-style transaction on the same PostgreSQL: insert a message row and an outbox row, commit;
 *   <li>send latency p99 at half that rate (open loop);
 *   <li>commit-to-WebSocket delivery p99 with 1,000 sockets in 100 channels (10 members each, one narrow
 *       socket per member and channel) at 50 messages a second: from the message's {@code sent_at} (taken
 *       in the sending transaction) to the frame's arrival at the client.
 * </ol>
 *
 * Prints the figures and writes an HTML report to {@code system-tests/target/benchmark/messaging.html}.
 * Users register at auth-service directly (the gateway allows 5 registrations a minute per address) and
 * log in through a public client whose tokens live two hours; everything measured goes through the
 * gateway. The stack's JVMs run with the JIT production uses ({@code benchmark.java-opts}), not the local
 * stack's start-up flags. The load generator shares the machine's cores with the stack.
 */
class MessagingBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 16);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warmup-seconds", 30));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("benchmark.measure-seconds", 20));
    private static final int USERS = 100;
    private static final int CHANNELS = 100;
    private static final int MEMBERS_PER_CHANNEL = 10;
    private static final int DELIVERY_RATE = 50;

    record User(UUID id, String token, List<String> channels) {}

    record Latencies(double perSecond, double p50, double p99, long samples, long errors) {}

    @Test
    void messagingThroughputLatencyAndDelivery() throws Exception {
        SystemStack.up();
        try {
            List<User> users = setUp();
            Latencies baseline = pgbenchStyleInserts();
            System.out.printf("baseline insert message + outbox row: %.0f tx/s%n", baseline.perSecond());
            closedLoop(users, WARM_UP);
            Latencies peak = closedLoop(users, MEASURE);
            System.out.printf("peak sends through the gateway: %.0f/s (p99 %.1f ms)%n", peak.perSecond(), peak.p99());
            Latencies half = openLoop(users, peak.perSecond() / 2, MEASURE);
            System.out.printf("at half the peak (%.0f/s): p99 %.1f ms%n", peak.perSecond() / 2, half.p99());
            Latencies delivery = delivery(users);
            report(baseline, peak, half, delivery);
        } finally {
            SystemStack.down();
        }
    }

    // --- set-up -----------------------------------------------------------------------------------

    /** 100 members of one organization; channel c has the users c..c+9 (mod 100): 10 channels each. */
    private static List<User> setUp() throws Exception {
        KeycloakTestClient keycloak = new KeycloakTestClient(SystemStack.keycloak());
        keycloak.ensurePublicClient("messaging-benchmark", 7200);
        String prefix = "mb" + UUID.randomUUID().toString().substring(0, 5);
        String owner = register(prefix + "-owner");
        String ownerToken = keycloak.loginWithClient("messaging-benchmark", prefix + "-owner", PASSWORD)
                .accessToken();
        List<UUID> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            ids.add(UUID.fromString(register(prefix + "-" + i)));
            tokens.add(keycloak.loginWithClient("messaging-benchmark", prefix + "-" + i, PASSWORD)
                    .accessToken());
        }
        String org = data(send(
                        "POST", GATEWAY + "/v1/organizations", ownerToken, Map.of("name", prefix, "slug", prefix), 201))
                .get("id")
                .asString();
        for (UUID id : ids) {
            // org-service learns of new users from auth-service's events, a moment after registration
            retryUntil(
                    201,
                    () -> send(
                            "POST",
                            GATEWAY + "/v1/organizations/" + org + "/members",
                            ownerToken,
                            Map.of("user_id", id, "role", "member"),
                            -1));
        }
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            channels.add(data(send(
                            "POST",
                            GATEWAY + "/v1/channels",
                            ownerToken,
                            Map.of("organization_id", org, "name", "bench-" + c, "type", "public"),
                            201))
                    .get("id")
                    .asString());
        }
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            List<String> mine = new ArrayList<>();
            for (int c = 0; c < CHANNELS; c++) {
                if (Math.floorMod(i - c, USERS) < MEMBERS_PER_CHANNEL) {
                    mine.add(channels.get(c));
                }
            }
            String token = tokens.get(i);
            UUID id = ids.get(i);
            for (String channel : mine) {
                send("POST", GATEWAY + "/v1/channels/" + channel + "/members", token, Map.of("user_id", id), 201);
            }
            users.add(new User(id, token, mine));
        }
        System.out.printf("set up: %d users, %d channels, owner %s%n", users.size(), channels.size(), owner);
        return users;
    }

    // --- the three measurements -------------------------------------------------------------------

    private static Latencies closedLoop(List<User> users, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY)) {
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        sendOne(users, nanos, errors);
                    }
                    return null;
                });
            }
        }
        return latencies(new ArrayList<>(nanos), duration, errors.get());
    }

    /** Sends at a fixed rate whatever the answers take (latency is not hidden by waiting). */
    private static Latencies openLoop(List<User> users, double rate, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long interval = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long count = duration.toNanos() / interval;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                senders.submit(() -> {
                    sendOne(users, nanos, errors);
                    return null;
                });
            }
        }
        return latencies(new ArrayList<>(nanos), duration, errors.get());
    }

    private static void sendOne(List<User> users, ConcurrentLinkedQueue<Long> nanos, AtomicLong errors) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        User user = users.get(random.nextInt(users.size()));
        String channel = user.channels().get(random.nextInt(user.channels().size()));
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = send(
                    "POST",
                    GATEWAY + "/v1/channels/" + channel + "/messages",
                    user.token(),
                    Map.of("content", "benchmark message " + started),
                    -1);
            if (response.statusCode() == 201) {
                nanos.add(System.nanoTime() - started);
            } else {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    /**
     * 1,000 sockets through the gateway (each user one per channel of theirs), then 50 messages a second for
     * the measuring time: every frame's delay from the message's sent_at to its arrival.
     */
    private static Latencies delivery(List<User> users) throws Exception {
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        AtomicBoolean measuring = new AtomicBoolean();
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        String ws = GATEWAY.replace("http://", "ws://");
        for (User user : users) {
            for (String channel : user.channels()) {
                sockets.add(HTTP.newWebSocketBuilder()
                        .buildAsync(
                                URI.create(ws + "/v1/ws/channels/" + channel + "?token=" + user.token()),
                                new DelayListener(delays, measuring))
                        .get(30, TimeUnit.SECONDS));
            }
        }
        System.out.printf("%d sockets open%n", sockets.size());
        openLoop(users, DELIVERY_RATE, Duration.ofSeconds(5));
        measuring.set(true);
        Latencies sends = openLoop(users, DELIVERY_RATE, MEASURE);
        Thread.sleep(2_000);
        measuring.set(false);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        List<Long> all = new ArrayList<>(delays);
        long expected = Math.round(sends.samples() * (double) MEMBERS_PER_CHANNEL);
        System.out.printf("delivered %d frames of about %d expected%n", all.size(), expected);
        return latencies(all, MEASURE, Math.max(0, expected - all.size()));
    }

    /**
     * Records, for each message.sent frame, now minus the message's sent_at (same machine, same clock). The client
     * may hand a frame over in parts (when a read ends inside it): the parts are joined, and the frame counts when
     * its last part arrives.
     */
    private static final class DelayListener implements WebSocket.Listener {

        private final ConcurrentLinkedQueue<Long> delays;
        private final AtomicBoolean measuring;
        private final StringBuilder frame = new StringBuilder();

        DelayListener(ConcurrentLinkedQueue<Long> delays, AtomicBoolean measuring) {
            this.delays = delays;
            this.measuring = measuring;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                Instant arrived = Instant.now();
                long now = arrived.getEpochSecond() * 1_000_000_000L + arrived.getNano();
                String text = frame.toString();
                frame.setLength(0);
                if (measuring.get() && text.startsWith("{\"type\":\"message.sent\"")) {
                    JsonNode message = JSON.readTree(text);
                    Instant sent =
                            Instant.parse(message.get("data").get("sent_at").asString());
                    long sentNanos = sent.getEpochSecond() * 1_000_000_000L + sent.getNano();
                    delays.add(Math.max(0, now - sentNanos));
                }
            }
            socket.request(1);
            return null;
        }
    }

    /** pgbench-style: the same concurrency inserting a message and an outbox row per transaction. */
    private static Latencies pgbenchStyleInserts() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + (15432 + OFFSET) + "/messaging-service";
        try (Connection setup = DriverManager.getConnection(url, "postgres", "postgres");
                Statement ddl = setup.createStatement()) {
            ddl.execute("create schema if not exists bench");
            ddl.execute("create table if not exists bench.message (like public.message including all)");
            ddl.execute(
                    "create table if not exists bench.event_publication (like public.event_publication including all)");
        }
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        String payload = "x".repeat(600);
        UUID conversation = UUID.randomUUID();
        AtomicLong seq = new AtomicLong();
        for (Duration phase : List.of(Duration.ofSeconds(10), MEASURE)) {
            nanos.clear();
            long end = System.nanoTime() + phase.toNanos();
            try (ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY)) {
                for (int w = 0; w < CONCURRENCY; w++) {
                    workers.submit(() -> {
                        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                                PreparedStatement message = db.prepareStatement(
                                        "insert into bench.message (id, conversation_id, seq, author_id, content, created_at)"
                                                + " values (?, ?, ?, ?, ?, now())");
                                PreparedStatement outbox = db.prepareStatement(
                                        "insert into bench.event_publication (id, listener_id, event_type, serialized_event,"
                                                + " publication_date) values (?, 'bench', 'OutboxEvent', ?, now())")) {
                            db.setAutoCommit(false);
                            while (System.nanoTime() < end) {
                                long started = System.nanoTime();
                                message.setObject(1, UUID.randomUUID());
                                message.setObject(2, conversation);
                                message.setLong(3, seq.incrementAndGet());
                                message.setObject(4, UUID.randomUUID());
                                message.setString(5, "benchmark message " + started);
                                message.executeUpdate();
                                outbox.setObject(1, UUID.randomUUID());
                                outbox.setString(2, payload);
                                outbox.executeUpdate();
                                db.commit();
                                nanos.add(System.nanoTime() - started);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        return null;
                    });
                }
            }
        }
        try (Connection cleanup = DriverManager.getConnection(url, "postgres", "postgres");
                Statement ddl = cleanup.createStatement()) {
            ddl.execute("drop schema bench cascade");
        }
        return latencies(new ArrayList<>(nanos), MEASURE, errors.get());
    }

    // --- figures ----------------------------------------------------------------------------------

    private static Latencies latencies(List<Long> nanos, Duration duration, long errors) {
        Collections.sort(nanos);
        double p50 = nanos.isEmpty() ? Double.NaN : nanos.get(nanos.size() / 2) / 1e6;
        double p99 =
                nanos.isEmpty() ? Double.NaN : nanos.get((int) Math.min(nanos.size() - 1, nanos.size() * 0.99)) / 1e6;
        return new Latencies(nanos.size() / (double) duration.toSeconds(), p50, p99, nanos.size(), errors);
    }

    private static void report(Latencies baseline, Latencies peak, Latencies half, Latencies delivery)
            throws Exception {
        double ratio = peak.perSecond() / baseline.perSecond();
        String text = String.format(
                """
                Messaging benchmark (%d cores, whole stack on this machine, %d senders, %d s measured)
                  baseline: insert message + outbox row       %8.0f tx/s   (p99 %.1f ms)
                  sends through the gateway (peak)             %8.0f /s     (p50 %.1f ms, p99 %.1f ms, %d errors)
                  ratio to the baseline                        %.3f   (goal >= 0.40)
                  send p99 at half the peak (%.0f/s)             %.1f ms  (goal <= 100 ms; p50 %.1f ms, %d errors)
                  delivery p99, %d sockets, %d/s               %.1f ms  (goal <= 150 ms; p50 %.1f ms, %d frames, %d missing)
                """,
                Runtime.getRuntime().availableProcessors(),
                CONCURRENCY,
                MEASURE.toSeconds(),
                baseline.perSecond(),
                baseline.p99(),
                peak.perSecond(),
                peak.p50(),
                peak.p99(),
                peak.errors(),
                ratio,
                peak.perSecond() / 2,
                half.p99(),
                half.p50(),
                half.errors(),
                USERS * MEMBERS_PER_CHANNEL,
                DELIVERY_RATE,
                delivery.p99(),
                delivery.p50(),
                delivery.samples(),
                delivery.errors());
        System.out.println(text);
        Path dir = ROOT.resolve("system-tests/target/benchmark");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("messaging.html"),
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>PlexiChat messaging benchmark</title>"
                        + "<style>body{font-family:sans-serif}td,th{padding:4px 12px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}</style></head><body>"
                        + "<h1>Messaging benchmark</h1><p>" + Instant.now() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores, whole stack on one machine</p>"
                        + "<table><tr><th>measure</th><th>rate</th><th>p50 ms</th><th>p99 ms</th><th>samples</th>"
                        + "<th>errors</th><th>goal</th></tr>"
                        + row("baseline insert (message + outbox)", baseline, "")
                        + row("sends through the gateway, peak", peak, String.format("ratio %.3f (&ge; 0.40)", ratio))
                        + row("sends at half the peak", half, "p99 &le; 100 ms")
                        + row("delivery to " + USERS * MEMBERS_PER_CHANNEL + " sockets", delivery, "p99 &le; 150 ms")
                        + "</table><pre>" + text + "</pre></body></html>");
    }

    private static String row(String name, Latencies l, String goal) {
        return String.format(
                "<tr><td>%s</td><td>%.0f/s</td><td>%.1f</td><td>%.1f</td><td>%d</td><td>%d</td><td>%s</td></tr>",
                name, l.perSecond(), l.p50(), l.p99(), l.samples(), l.errors(), goal);
    }
}
