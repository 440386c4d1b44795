package com.plexichat.admin.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints of the chain's head, kept outside the database: every {@code checkpoint-interval} in which the
 * log grew, {@code {seq, hash, time}} with its HMAC-SHA256 under {@code plexichat.admin.audit.signing-key} goes to the
 * Kafka topic {@code plexichat.audit-checkpoints} (kept forever). Someone who can rewrite the whole table (and so make
 * a consistent chain of their own, or cut its tail off) cannot also rewrite these without the key; {@code verify}
 * compares the table with every checkpoint.
 */
@Component
class AuditCheckpoints {

    static final String TOPIC = "plexichat.audit-checkpoints";

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    /** @param keyId the first 16 hex digits of the key's SHA-256: which key signed it */
    record Checkpoint(long seq, String hash, Instant time, String keyId, String signature) {}

    private final AuditLog audit;
    private final KafkaOperations<Object, Object> kafka;
    private final ConsumerFactory<Object, Object> consumers;
    private final JsonMapper json;
    private final Clock clock;
    private final SecretKeySpec key;
    private final String keyId;
    private final AtomicReference<Long> lastSeq = new AtomicReference<>();

    AuditCheckpoints(
            AuditLog audit,
            KafkaOperations<Object, Object> kafka,
            ConsumerFactory<Object, Object> consumers,
            JsonMapper json,
            Clock clock,
            @Value("${plexichat.admin.audit.signing-key:}") String signingKey) {
        this.audit = audit;
        this.kafka = kafka;
        this.consumers = consumers;
        this.json = json;
        this.clock = clock;
        String secret = signingKey;
        if (secret == null || secret.isBlank()) {
            // Checkpoints then prove nothing across restarts: fine for a test, said loudly for anything else.
            secret = java.util.UUID.randomUUID() + "" + java.util.UUID.randomUUID();
            log.warn("plexichat.admin.audit.signing-key is not set: audit checkpoints are signed with a key of this"
                    + " process only");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.keyId = sha256(bytes).substring(0, 16);
    }

    /** Signs and publishes the head unless it was the last one signed; empty when the log is empty or unchanged. */
    @Scheduled(
            initialDelayString = "${plexichat.admin.audit.checkpoint-interval:1m}",
            fixedDelayString = "${plexichat.admin.audit.checkpoint-interval:1m}")
    @Transactional(readOnly = true)
    public Optional<Checkpoint> checkpoint() {
        Optional<AuditLog.Head> head = audit.head();
        if (head.isEmpty() || head.get().seq() == (lastSeq.get() == null ? -1 : lastSeq.get())) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Checkpoint checkpoint = new Checkpoint(
                head.get().seq(),
                head.get().hash(),
                now,
                keyId,
                sign(head.get().seq(), head.get().hash(), now));
        try {
            kafka.send(TOPIC, "head", json.writeValueAsBytes(checkpoint)).get(10, TimeUnit.SECONDS);
            lastSeq.set(checkpoint.seq());
            return Optional.of(checkpoint);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Audit checkpoint at seq {} not published; the next interval tries again", checkpoint.seq(), e);
            return Optional.empty();
        }
    }

    /** Every checkpoint ever published, oldest first. */
    List<Checkpoint> all() {
        List<Checkpoint> found = new ArrayList<>();
        try (Consumer<Object, Object> consumer =
                consumers.createConsumer(null, "admin-service-checkpoint-reader", null, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading the audit checkpoints took too long");
                }
                for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    found.add(json.readValue((byte[]) record.value(), Checkpoint.class));
                }
            }
        }
        return found;
    }

    /** Whether this process's key signed it (a checkpoint from another key cannot be checked here). */
    boolean signedByUs(Checkpoint checkpoint) {
        return keyId.equals(checkpoint.keyId())
                && MessageDigest.isEqual(
                        sign(checkpoint.seq(), checkpoint.hash(), checkpoint.time())
                                .getBytes(StandardCharsets.US_ASCII),
                        checkpoint.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long seq, String hash, Instant time) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal((seq + "\n" + hash + "\n" + time).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class CheckpointTopic {

        /** One partition, kept forever: the checkpoints are the log's outside memory. */
        @Bean
        NewTopic auditCheckpointTopic() {
            return TopicBuilder.name(TOPIC)
                    .partitions(1)
                    .config("retention.ms", "-1")
                    .build();
        }
    }
}
