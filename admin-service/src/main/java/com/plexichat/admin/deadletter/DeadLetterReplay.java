package com.plexichat.admin.deadletter;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Service;

/**
 * Sends what consumers gave up on ({@code <topic>.DLT}) back to its topic, once the cause is fixed. The replay group's
 * committed offsets mark how far each dead-letter topic was sent back, so a record goes back once: sent first, then
 * committed, so a crash in between sends it twice at worst, which every consumer absorbs (each applies an event id
 * once, and versioned replicas ignore what is older than they have). A record that fails again (a forged one, say) is
 * dead-lettered again, after its retries.
 */
@Service
public class DeadLetterReplay {

    /** The consumer group whose committed offsets are the replay position in every dead-letter topic. */
    public static final String GROUP = "admin-service.dead-letter-replay";

    static final int MAX_PER_REQUEST = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final KafkaProperties kafka;

    DeadLetterReplay(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** @param remaining records still in the dead-letter topic after this call (more than one call's worth) */
    record ReplayResponse(String topic, int replayed, long remaining) {}

    /** Replicas of admin-service each hold this lock only for themselves: two replaying at once double-send at worst. */
    synchronized ReplayResponse replay(String topic) {
        if (topic == null || !topic.matches("plexichat\\.[a-z0-9-]+")) {
            throw noDeadLetters();
        }
        String deadLetters = Topics.deadLetter(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, WAIT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw noDeadLetters();
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            Map<TopicPartition, Long> start = new HashMap<>();
            partitions.forEach(partition -> start.put(partition, consumer.position(partition, WAIT)));
            Map<TopicPartition, OffsetAndMetadata> sent = new HashMap<>();
            int replayed = 0;
            long deadline = System.nanoTime() + WAIT.multipliedBy(3).toNanos();
            try {
                while (replayed < MAX_PER_REQUEST
                        && !reachedEnd(consumer, partitions, end)
                        && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (replayed == MAX_PER_REQUEST || record.offset() >= end.get(partition)) {
                            break;
                        }
                        producer.send(back(topic, record)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        sent.put(partition, new OffsetAndMetadata(record.offset() + 1));
                        replayed++;
                    }
                }
            } finally {
                if (!sent.isEmpty()) {
                    consumer.commitSync(sent, WAIT);
                }
            }
            long remaining = 0;
            Map<TopicPartition, Long> now = consumer.endOffsets(partitions, WAIT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata upTo = sent.get(partition);
                remaining += Math.max(0, now.get(partition) - (upTo == null ? start.get(partition) : upTo.offset()));
            }
            log.info("Replayed {} dead letters of {} ({} left)", replayed, topic, remaining);
            return new ReplayResponse(topic, replayed, remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn("Replay of {}'s dead letters stopped: {}", topic, e.toString());
            throw unavailable();
        }
    }

    private static boolean reachedEnd(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(partition -> consumer.position(partition, WAIT) >= end.get(partition));
    }

    /** The record as it first arrived: same key, value and headers, less the ones the dead-lettering added. */
    private static ProducerRecord<byte[], byte[]> back(String topic, ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(header -> {
            if (!header.key().startsWith("kafka_dlt")) {
                headers.add(header);
            }
        });
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(kafka.buildConsumerProperties());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(kafka.buildProducerProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return properties;
    }

    private static ApiException noDeadLetters() {
        return new ApiException(ErrorCode.NOT_FOUND, "No dead-letter topic for this topic");
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Kafka did not answer; nothing more was replayed");
    }
}
