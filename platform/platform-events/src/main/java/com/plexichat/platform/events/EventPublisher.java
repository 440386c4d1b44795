package com.plexichat.platform.events;

import com.plexichat.platform.api.RequestClients;
import com.plexichat.platform.api.RequestIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
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
        EventEnvelope envelope = new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                UUID.randomUUID().toString(),
                type.name(),
                source,
                Instant.now().truncatedTo(ChronoUnit.MICROS).toString(),
                subject,
                "application/json",
                RequestIds.current(),
                RequestClients.ip(),
                RequestClients.userAgent(),
                RequestClients.apiKeyId(),
                RequestClients.actorId(),
                mapper.valueToTree(data));
        publisher.publishEvent(new OutboxEvent(type.topic(), envelope));
        return envelope;
    }
}
