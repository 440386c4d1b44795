package com.plexichat.platform.test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events to the shared Kafka as their producing service would (the envelope, keyed by the
 * subject), for a consumer under test; {@link #send(String, String, String)} sends an envelope again,
 * as a retry or an outbox resubmission would.
 */
public final class EventInjector implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    /**
     * @param type the event type name, e.g. {@code user.registered}
     * @return the envelope as sent (JSON), to send it again
     */
    public String publish(String topic, String type, String subject, Object data) {
        // As the type's producer would send it: consumers refuse any other source.
        return publishAs(sourceOf(type, data), topic, type, subject, data);
    }

    /**
     * Who produces each event type, by the start of its name (the most specific first). platform-events' own tests
     * use this class, so it cannot read the contracts' producers; {@code EventContractsTest} there checks that this
     * table names a producer of every contract.
     */
    private static final List<Map.Entry<String, String>> PRODUCERS = List.of(
            Map.entry("user.status-changed", "admin-service"),
            Map.entry("user.deletion-requested", "user-service"),
            Map.entry("user.presence-changed", "user-service"),
            Map.entry("user.", "auth-service"),
            Map.entry("session.", "auth-service"),
            Map.entry("auth.", "auth-service"),
            Map.entry("settings.", "admin-service"),
            Map.entry("api-key.", "admin-service"),
            Map.entry("connection.", "messaging-service"),
            Map.entry("message.", "messaging-service"),
            Map.entry("reaction.", "messaging-service"),
            Map.entry("dm.", "messaging-service"),
            Map.entry("typing.", "messaging-service"),
            Map.entry("conversation.", "messaging-service"),
            Map.entry("channel.", "channel-service"),
            Map.entry("org.", "org-service"),
            Map.entry("file.", "file-service"),
            Map.entry("call.", "call-service"),
            Map.entry("voice.", "call-service"));

    /** {@code plexichat/<producer>} of the type, as its producer would send it; others from {@code plexichat/tests}. */
    public static String sourceOf(String type, Object data) {
        return PRODUCERS.stream()
                .filter(p -> type.startsWith(p.getKey()))
                .findFirst()
                .map(p -> "plexichat/" + p.getValue())
                .orElse("plexichat/tests");
    }

    /**
     * As its producer would send it on a versioned topic: with the version its subject reached ({@code
     * subjectversion}), to show that a late, older event changes nothing.
     */
    public String publishVersioned(String topic, String type, String subject, long version, Object data) {
        return publish(sourceOf(type, data), topic, type, subject, data, version);
    }

    /** An envelope claiming to come from {@code source} (an attacker's, in the tests that show it refused). */
    public String publishAs(String source, String topic, String type, String subject, Object data) {
        return publish(source, topic, type, subject, data, null);
    }

    private String publish(String source, String topic, String type, String subject, Object data, Long version) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("source", source);
        envelope.put("time", Instant.now().toString());
        envelope.put("subject", subject);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", JSON.valueToTree(data));
        if (version != null) {
            envelope.put("subjectversion", version);
        }
        String json = JSON.writeValueAsString(envelope);
        send(topic, subject, json);
        return json;
    }

    public void send(String topic, String key, String envelopeJson) {
        try {
            producer.send(new ProducerRecord<>(topic, key, envelopeJson)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /**
     * Waits until the consumer group has committed everything on the topic that was published so far:
     * a replayed or ignored event then provably went through the consumer without effect.
     */
    public void awaitConsumed(String groupId, String topic, java.time.Duration timeout) {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            var partitions = admin
                    .describeTopics(java.util.List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                var committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                boolean done = partitions.stream()
                        .allMatch(p -> ends.get(p).offset() == 0
                                || (committed.get(p) != null
                                        && committed.get(p).offset()
                                                >= ends.get(p).offset()));
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(groupId + " did not consume " + topic + " within " + timeout);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not read the offsets of " + groupId, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
