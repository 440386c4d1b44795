package com.plexichat.admin.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code GET /v1/admin/health} answers: each check with its outcome and the time it took. */
final class HealthRecords {

    private HealthRecords() {}

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String DEGRADED = "DEGRADED";

    record HealthResponse(
            String status, Instant checkedAt, List<ServiceHealth> services, Infrastructure infrastructure) {}

    record ServiceHealth(String name, String status, List<InstanceHealth> instances) {}

    /** @param components the instance's own health components (database, mail, ...) by name */
    record InstanceHealth(
            String instanceId,
            String uri,
            String status,
            String version,
            Map<String, String> components,
            long tookMs) {}

    record Infrastructure(List<Check> postgres, KafkaHealth kafka, Check keycloak, Check s3, Check smtp) {}

    /** @param name what was checked (a service's database, a host) */
    record Check(String name, String status, long tookMs, String error) {}

    record KafkaHealth(
            String status,
            long tookMs,
            String error,
            int brokers,
            List<ConsumerLag> consumerGroups,
            List<DeadLetters> deadLetterTopics) {}

    record ConsumerLag(String group, long lag) {}

    record DeadLetters(String topic, long records) {}
}
