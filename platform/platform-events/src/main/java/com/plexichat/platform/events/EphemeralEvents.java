package com.plexichat.platform.events;

import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events that may be lost without harm (typing): straight to Kafka, outside any transaction and without the
 * outbox, in the same envelope and keyed the same way as {@link EventPublisher}'s. Everything that changes state
 * goes through {@link EventPublisher} instead.
 */
public class EphemeralEvents {

    private final KafkaOperations<Object, Object> kafka;
    private final JsonMapper mapper;
    private final String source;

    EphemeralEvents(KafkaOperations<Object, Object> kafka, JsonMapper mapper, String source) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.source = source;
    }

    /** @param subject the aggregate id: the Kafka key */
    public <T> void send(EventType<T> type, String subject, T data) {
        EventEnvelope envelope = EventEnvelope.of(type, source, subject, mapper.valueToTree(data));
        kafka.send(type.topic(), subject, mapper.writeValueAsBytes(envelope));
    }
}
