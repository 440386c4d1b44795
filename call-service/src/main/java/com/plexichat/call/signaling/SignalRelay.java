package com.plexichat.call.signaling;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.call.CallParticipantJoined;
import com.plexichat.platform.events.call.CallParticipantLeft;
import com.plexichat.platform.events.call.VoiceJoined;
import com.plexichat.platform.events.call.VoiceLeft;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Frames between participants on different replicas. A frame for a socket this replica does not hold goes to the
 * topic {@code plexichat.call-signals} (straight to Kafka: signaling is ephemeral, a lost ICE candidate is
 * re-gathered); every replica reads it in a group of its own from the end and delivers to the sockets it holds.
 * It also turns the call events (someone joined or left a room, by REST or a socket) into frames for the room.
 */
@Component("signalRelay")
class SignalRelay extends AbstractConsumerSeekAware implements HealthIndicator {

    static final String TOPIC = "plexichat.call-signals";

    private static final Logger log = LoggerFactory.getLogger(SignalRelay.class);

    /** @param to one user, or null for the room; @param except a user left out (the sender) */
    record Relayed(String origin, UUID roomId, UUID to, UUID except, String frame) {}

    private final LocalSockets sockets;
    private final KafkaOperations<Object, Object> kafka;
    private final JsonMapper mapper;
    private final String origin = UUID.randomUUID().toString();
    private volatile boolean ready;

    SignalRelay(LocalSockets sockets, KafkaOperations<Object, Object> kafka, JsonMapper mapper) {
        this.sockets = sockets;
        this.kafka = kafka;
        this.mapper = mapper;
    }

    /** Whether this replica reads the topic yet: before that, a socket could miss frames. */
    boolean ready() {
        return ready;
    }

    void toUser(UUID roomId, UUID userId, String frame) {
        var local = sockets.of(roomId, userId);
        if (local.isPresent()) {
            local.get().send(frame);
        } else {
            publish(new Relayed(origin, roomId, userId, null, frame));
        }
    }

    void toRoom(UUID roomId, UUID except, String frame) {
        deliver(roomId, null, except, frame);
        publish(new Relayed(origin, roomId, null, except, frame));
    }

    private void publish(Relayed relayed) {
        kafka.send(TOPIC, relayed.roomId().toString(), mapper.writeValueAsBytes(relayed));
    }

    @KafkaListener(
            topics = {TOPIC, Topics.CALLS},
            groupId = "call-service.signals.#{T(java.util.UUID).randomUUID()}",
            properties = {"enable.auto.commit=false", "fetch.max.wait.ms=50"})
    void on(ConsumerRecord<String, byte[]> record) {
        try {
            if (TOPIC.equals(record.topic())) {
                Relayed relayed = mapper.readValue(record.value(), Relayed.class);
                if (!origin.equals(relayed.origin())) {
                    deliver(relayed.roomId(), relayed.to(), relayed.except(), relayed.frame());
                }
            } else {
                announce(mapper.readValue(record.value(), EventEnvelope.class));
            }
        } catch (RuntimeException e) {
            // A frame lost here is a glitch the peers recover from (ICE restarts); retrying would delay the rest.
            log.warn("Could not relay a record of {}: {}", record.topic(), e.toString());
        }
    }

    /** Joins and departures, as frames for the others in the room. */
    private void announce(EventEnvelope event) {
        JsonNode data = event.data();
        String type;
        String room;
        if (event.is(CallParticipantJoined.TYPE) || event.is(VoiceJoined.TYPE)) {
            type = "participant_joined";
        } else if (event.is(CallParticipantLeft.TYPE) || event.is(VoiceLeft.TYPE)) {
            type = "participant_left";
        } else {
            return;
        }
        room = data.has("call_id")
                ? data.get("call_id").asString()
                : data.path("channel_id").asString();
        UUID roomId = UUID.fromString(room);
        if (sockets.in(roomId).isEmpty()) {
            return;
        }
        UUID subject = UUID.fromString(data.get("user_id").asString());
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", type);
        ObjectNode body = frame.putObject("data");
        body.put("user_id", subject.toString());
        if (data.has("reason")) {
            body.put("reason", data.get("reason").asString());
        }
        deliver(roomId, null, subject, mapper.writeValueAsString(frame));
    }

    private void deliver(UUID roomId, UUID to, UUID except, String frame) {
        if (to != null) {
            sockets.of(roomId, to).ifPresent(s -> s.send(frame));
            return;
        }
        for (SignalSocket socket : sockets.in(roomId)) {
            if (!socket.userId().equals(except)) {
                socket.send(frame);
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToEnd(assignments.keySet());
        ready = true;
    }

    @Override
    public Health health() {
        return ready ? Health.up().build() : Health.outOfService().build();
    }
}
