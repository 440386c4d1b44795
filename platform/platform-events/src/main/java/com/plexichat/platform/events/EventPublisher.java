package com.plexichat.platform.events;

import org.springframework.context.ApplicationEventPublisher;
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

    public EventPublisher(ApplicationEventPublisher publisher, JsonMapper mapper, String source) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.source = source;
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
        publisher.publishEvent(new OutboxEvent(type.topic(), envelope));
        return envelope;
    }
}
