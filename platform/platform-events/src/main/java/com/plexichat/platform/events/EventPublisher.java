package com.plexichat.platform.events;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a domain event through the transactional outbox: the event is written in the caller's
 * transaction and reaches Kafka after commit, or later by retry if Kafka is down. Never a send
 * after {@code save()}: a rolled-back change publishes nothing, a committed one is never lost.
 */
public class EventPublisher {

    private final ApplicationEventPublisher publisher;
    private final JsonMapper mapper;
    private final String source;
    private final JdbcTemplate jdbc;

    public EventPublisher(ApplicationEventPublisher publisher, JsonMapper mapper, String source, JdbcTemplate jdbc) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.source = source;
        this.jdbc = jdbc;
    }

    /**
     * @param subject the aggregate id: the Kafka key, so events of one aggregate stay ordered
     * @return the envelope as it will be sent
     */
    public <T> EventEnvelope publish(EventType<T> type, String subject, T data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Publish " + type.name() + " inside the transaction that makes the change (outbox)");
        }
        EventEnvelope envelope = EventEnvelope.of(type, source, subject, mapper.valueToTree(data));
        if (Topics.versioned(type.topic())) {
            envelope = envelope.withSubjectVersion(nextVersion(type.topic(), subject));
        }
        publisher.publishEvent(new OutboxEvent(type.topic(), envelope));
        return envelope;
    }

    /**
     * The row stays locked until this transaction ends, so a concurrent change of the same subject takes the next
     * version only after this one commits: versions follow commit order.
     */
    private long nextVersion(String topic, String subject) {
        return jdbc.queryForObject("""
                        insert into event_subject_version (topic, subject, version) values (?, ?, 1)
                        on conflict (topic, subject) do update set version = event_subject_version.version + 1
                        returning version
                        """, Long.class, topic, subject);
    }
}
