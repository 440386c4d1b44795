package com.plexichat.gateway.security;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.admin.ApiKeyRevoked;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.security.RevokedSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the deny-lists from Kafka. Every gateway replica must see every revocation, so each
 * instance consumes in a group of its own and commits nothing; on (re)assignment it reads back as
 * far as a revoked token could still be unexpired, so a restarted gateway knows the recent ones.
 * The gateway is not ready (readiness group, health {@code revocations}) until that read-back has reached the end of
 * every partition: a replica taking traffic earlier would let a session revoked before it started through.
 */
@Component("revocations")
public class RevocationListener extends AbstractConsumerSeekAware implements HealthIndicator {

    static final String LISTENER_ID = "gateway-revocations";

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

    private final RevokedSessions sessions;
    private final RevocableSockets sockets;
    private final RevokedApiKeys apiKeys;
    private final JsonMapper mapper;
    private final Duration lookBack;
    private volatile boolean caughtUp;

    RevocationListener(
            RevokedSessions sessions,
            RevocableSockets sockets,
            RevokedApiKeys apiKeys,
            JsonMapper mapper,
            @Value("${plexichat.gateway.revocation.retention:10m}") Duration lookBack,
            @Value("${spring.kafka.listener.auto-startup:true}") boolean following) {
        this.sessions = sessions;
        this.sockets = sockets;
        this.apiKeys = apiKeys;
        this.mapper = mapper;
        this.lookBack = lookBack;
        // A gateway told not to start its listeners (tests without Kafka) has no read-back to wait for.
        this.caughtUp = !following;
    }

    @KafkaListener(
            id = LISTENER_ID,
            topics = {Topics.AUTH, Topics.ADMIN},
            groupId = "gateway-revocations-#{T(java.util.UUID).randomUUID()}",
            containerPostProcessor = "revocationContainerPostProcessor",
            properties = {"enable.auto.commit=false", "auto.offset.reset=latest", "fetch.max.wait.ms=100"})
    void on(byte[] record) {
        // Parsed here: the gateway has no outbox, so none of the services' message converters.
        EventEnvelope event = mapper.readValue(record, EventEnvelope.class);
        if (event.is(SessionRevoked.TYPE)) {
            SessionRevoked revoked = event.dataAs(SessionRevoked.TYPE, mapper);
            sessions.revoke(revoked);
            sockets.revoke(revoked);
            log.info("Session {} of user {} revoked", revoked.sessionId(), revoked.userId());
        } else if (event.is(ApiKeyRevoked.TYPE)) {
            ApiKeyRevoked revoked = event.dataAs(ApiKeyRevoked.TYPE, mapper);
            apiKeys.revoke(revoked.keyId());
            log.info("API key {} revoked", revoked.keyId());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        long since = Instant.now().minus(lookBack).toEpochMilli();
        callback.seekToTimestamp(assignments.keySet(), since);
    }

    /**
     * Published on the consumer's own thread (so the consumer may be asked) once a poll found nothing for a while: the
     * read-back is done when every assigned partition's position has reached its end.
     */
    @EventListener
    void onIdle(ListenerContainerIdleEvent idle) {
        if (caughtUp || idle.getListenerId() == null || !idle.getListenerId().startsWith(LISTENER_ID)) {
            return;
        }
        Collection<TopicPartition> partitions = idle.getTopicPartitions();
        if (partitions == null || partitions.isEmpty()) {
            return;
        }
        Consumer<?, ?> consumer = idle.getConsumer();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        if (partitions.stream()
                .allMatch(partition -> consumer.position(partition) >= ends.getOrDefault(partition, 0L))) {
            caughtUp = true;
            log.info("Revocations read back over {} on {} partitions; ready", lookBack, partitions.size());
        }
    }

    @Override
    public Health health() {
        return caughtUp ? Health.up().build() : Health.outOfService().build();
    }
}
