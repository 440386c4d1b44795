package com.plexichat.platform.security;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.SessionRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds a service's own {@link RevokedSessions} from {@code session.revoked}, as the gateway does for its own: every
 * replica reads every revocation (a group of its own, no offsets committed) and, on each assignment, reads back as
 * far as a revoked session's tokens could still be unexpired. Only auth-service's revocations count.
 */
public class SessionRevocationListener extends AbstractConsumerSeekAware {

    private final RevokedSessions sessions;
    private final JsonMapper mapper;
    private final Duration lookBack;

    public SessionRevocationListener(RevokedSessions sessions, JsonMapper mapper, Duration lookBack) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.lookBack = lookBack;
    }

    @KafkaListener(
            id = "plexichat-session-revocations",
            topics = Topics.AUTH,
            groupId = "revocations-${spring.application.name:service}-#{T(java.util.UUID).randomUUID()}",
            containerPostProcessor = "plexichatRevocationContainerPostProcessor",
            properties = {"enable.auto.commit=false", "auto.offset.reset=latest", "fetch.max.wait.ms=100"})
    public void on(EventEnvelope event) {
        if (event.is(SessionRevoked.TYPE) && event.fromItsProducer()) {
            sessions.revoke(event.dataAs(SessionRevoked.TYPE, mapper));
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToTimestamp(
                assignments.keySet(), Instant.now().minus(lookBack).toEpochMilli());
    }
}
