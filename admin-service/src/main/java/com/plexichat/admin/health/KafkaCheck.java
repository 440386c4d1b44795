package com.plexichat.admin.health;

import com.plexichat.admin.deadletter.DeadLetterReplay;
import com.plexichat.platform.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The broker, every consumer group's lag (groups that commit offsets: the broadcast readers of each instance commit
 * none) and every dead-letter topic that holds records not yet sent back ({@link DeadLetterReplay}).
 */
@Component
class KafkaCheck implements DisposableBean {

    private final Map<String, Object> config;
    private final HealthProperties properties;
    private volatile Admin admin;

    KafkaCheck(KafkaAdmin kafkaAdmin, HealthProperties properties) {
        this.config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        this.properties = properties;
        int timeout = (int) properties.timeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    }

    HealthRecords.KafkaHealth check() {
        long start = System.nanoTime();
        try {
            Admin kafka = admin();
            long wait = properties.timeout().toMillis();
            int brokers = kafka.describeCluster()
                    .nodes()
                    .get(wait, TimeUnit.MILLISECONDS)
                    .size();
            Set<String> topics = kafka.listTopics().names().get(wait, TimeUnit.MILLISECONDS);

            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            for (ConsumerGroupListing group : kafka.listConsumerGroups().all().get(wait, TimeUnit.MILLISECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = kafka.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(wait, TimeUnit.MILLISECONDS);
                offsets.values().removeIf(java.util.Objects::isNull);
                if (!offsets.isEmpty()) {
                    committed.put(group.groupId(), offsets);
                }
            }
            List<String> deadLetterTopics = topics.stream()
                    .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .sorted()
                    .toList();
            Set<TopicPartition> partitions = new HashSet<>();
            committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
            Map<String, List<TopicPartition>> deadLetterPartitions = new HashMap<>();
            if (!deadLetterTopics.isEmpty()) {
                kafka.describeTopics(deadLetterTopics)
                        .allTopicNames()
                        .get(wait, TimeUnit.MILLISECONDS)
                        .forEach((topic, description) -> description
                                .partitions()
                                .forEach(p -> deadLetterPartitions
                                        .computeIfAbsent(topic, t -> new ArrayList<>())
                                        .add(new TopicPartition(topic, p.partition()))));
            }
            Set<TopicPartition> deadLetterAll = new HashSet<>();
            deadLetterPartitions.values().forEach(deadLetterAll::addAll);
            Set<TopicPartition> latestWanted = new HashSet<>(partitions);
            latestWanted.addAll(deadLetterAll);
            Map<TopicPartition, Long> latest = offsets(kafka, latestWanted, OffsetSpec.latest(), wait);
            Map<TopicPartition, Long> earliest = offsets(kafka, deadLetterAll, OffsetSpec.earliest(), wait);

            // Its offsets are how far dead letters were sent back (DeadLetterReplay), not a consumer's lag.
            Map<TopicPartition, OffsetAndMetadata> replayed = committed.getOrDefault(DeadLetterReplay.GROUP, Map.of());
            committed.remove(DeadLetterReplay.GROUP);
            List<HealthRecords.ConsumerLag> lags = new ArrayList<>();
            committed.forEach((group, offsets) -> {
                long lag = 0;
                for (var offset : offsets.entrySet()) {
                    lag += Math.max(
                            0,
                            latest.getOrDefault(offset.getKey(), 0L)
                                    - offset.getValue().offset());
                }
                lags.add(new HealthRecords.ConsumerLag(group, lag));
            });
            lags.sort(Comparator.comparing(HealthRecords.ConsumerLag::group));
            List<HealthRecords.DeadLetters> deadLetters = new ArrayList<>();
            for (String topic : deadLetterTopics) {
                long records = 0;
                for (TopicPartition partition : deadLetterPartitions.getOrDefault(topic, List.of())) {
                    OffsetAndMetadata sentBack = replayed.get(partition);
                    long from =
                            Math.max(earliest.getOrDefault(partition, 0L), sentBack == null ? 0L : sentBack.offset());
                    records += Math.max(0, latest.getOrDefault(partition, 0L) - from);
                }
                if (records > 0) {
                    deadLetters.add(new HealthRecords.DeadLetters(topic, records));
                }
            }
            return new HealthRecords.KafkaHealth(
                    brokers > 0 ? HealthRecords.UP : HealthRecords.DOWN,
                    millis(start),
                    null,
                    brokers,
                    lags,
                    deadLetters);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new HealthRecords.KafkaHealth(
                    HealthRecords.DOWN, millis(start), HealthChecks.reason(e), 0, List.of(), List.of());
        }
    }

    private static Map<TopicPartition, Long> offsets(
            Admin kafka, Set<TopicPartition> partitions, OffsetSpec spec, long wait) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answered =
                kafka.listOffsets(request).all().get(wait, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answered.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(config);
                }
                current = admin;
            }
        }
        return current;
    }

    private static long millis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
