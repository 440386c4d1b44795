package com.plexichat.platform.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotent consumption: a consumer records each event id in the same transaction as the effect
 * of the event. A redelivered event (Kafka retry, outbox resubmission) finds its id and is skipped,
 * so every event takes effect exactly once.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the event processed by this consumer.
     *
     * @return true the first time, false for a duplicate (then the caller does nothing)
     */
    public boolean firstDelivery(String consumer, String eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Record processed events inside the consumer's transaction");
        }
        int inserted = jdbc.update(
                "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing",
                consumer,
                eventId);
        return inserted == 1;
    }

    public boolean firstDelivery(String consumer, EventEnvelope event) {
        return firstDelivery(consumer, event.id());
    }
}
