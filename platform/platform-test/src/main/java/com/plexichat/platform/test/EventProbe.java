package com.plexichat.platform.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a service really published to Kafka, from the beginning of the topics: a test asks for
 * the envelopes of a type about one subject (a user, a channel) and gets them as the consumers would.
 */
public final class EventProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> seen = new ArrayList<>();

    public EventProbe(String... topics) {
        this(Infrastructure.kafka().bootstrapServers(), List.of(topics));
    }

    /** On another Kafka than the tests' shared one (the local stack's, in a system test). */
    public static EventProbe on(String bootstrapServers, String... topics) {
        return new EventProbe(bootstrapServers, List.of(topics));
    }

    private EventProbe(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "event-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(topics);
    }

    /** Every envelope of the type about the subject seen within the timeout (at least one, or empty). */
    public synchronized List<JsonNode> await(String type, String subject, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            List<JsonNode> matching = matching(type, subject);
            if (!matching.isEmpty()) {
                // a duplicate would have been published together with the first
                poll(Duration.ofMillis(300));
                return matching(type, subject);
            }
            poll(Duration.ofMillis(200));
        } while (System.nanoTime() < deadline);
        return List.of();
    }

    /**
     * The first envelope of the type about the subject that {@code matches}, waiting for it up to the timeout: where
     * several such events come (a channel's creator added before the member), {@link #await} may return before the
     * one a test looks for has arrived.
     */
    public synchronized Optional<JsonNode> awaitMatching(
            String type, String subject, java.util.function.Predicate<JsonNode> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<JsonNode> found =
                    matching(type, subject).stream().filter(matches).findFirst();
            if (found.isPresent()) {
                return found;
            }
            poll(Duration.ofMillis(200));
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    public Optional<JsonNode> awaitOne(String type, String subject, Duration timeout) {
        return await(type, subject, timeout).stream().findFirst();
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, String> record : consumer.poll(duration)) {
            try {
                seen.add(JSON.readTree(record.value()));
            } catch (RuntimeException e) {
                // not an envelope: not ours to judge here
            }
        }
    }

    private List<JsonNode> matching(String type, String subject) {
        return seen.stream()
                .filter(e -> type.equals(e.path("type").asString(null)))
                .filter(e -> subject.equals(e.path("subject").asString(null)))
                .toList();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
