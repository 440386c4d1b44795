package com.plexichat.messaging.realtime;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.call.CallStarted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.message.ConversationRead;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.message.TypingStarted;
import com.plexichat.platform.events.user.PresenceChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers events to the sockets of this replica. Every replica reads the message, channel and user
 * topics in a consumer group of its own (a broadcast), from the end at start-up: what was sent before a
 * socket existed, the client fetches with {@code after_seq}. Until the partitions are assigned the
 * replica is not ready and refuses handshakes.
 *
 * <p>{@code plexichat.realtime.delivery} is the time from the event's occurrence ({@code time} of its envelope) until
 * this replica has handed its frames to the sockets' writers, recorded once per event per replica that had a socket to
 * deliver it to: per event rather than per frame, so a channel with many watchers does not outweigh the rest. It
 * covers the outbox, Kafka and this consumer's lag. The write to the client is not in it: the socket's own writer
 * thread does that just after, and a client too slow to keep up is closed rather than waited for.
 */
@Component("fanout")
class Fanout implements ConsumerSeekAware, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);

    /** The frame a DM call's other participants get while it rings (call-service's {@code call.started}). */
    static final String RINGING = "call.ringing";

    private final Sessions sessions;
    private final Conversations conversations;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Timer delivery;
    private volatile boolean ready;

    Fanout(Sessions sessions, Conversations conversations, JsonMapper mapper, Clock clock, MeterRegistry meters) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.mapper = mapper;
        this.clock = clock;
        this.delivery = Timer.builder("plexichat.realtime.delivery")
                .description("From an event's occurrence until its frames were handed to this replica's sockets")
                .publishPercentileHistogram()
                .register(meters);
    }

    boolean ready() {
        return ready;
    }

    @Override
    public Health health() {
        return ready
                ? Health.up().withDetail("sockets", sessions.count()).build()
                : Health.outOfService().build();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToEnd(assignments.keySet());
        ready = true;
    }

    @KafkaListener(
            topics = {Topics.MESSAGES, Topics.CHANNELS, Topics.USERS, Topics.CALLS},
            groupId = "messaging-service.sockets.#{T(java.util.UUID).randomUUID()}",
            properties = {"enable.auto.commit=false"})
    public void on(EventEnvelope event) {
        if (sessions.isEmpty()) {
            return;
        }
        if (!event.fromItsProducer()) {
            // Frames are only what messaging-service itself published: another service's forgery reaches no one.
            log.warn("Refused {} {} from {}: not its producer", event.type(), event.id(), event.source());
            return;
        }
        try {
            if (deliver(event) > 0) {
                recordDelivery(event);
            }
        } catch (RuntimeException e) {
            // A frame lost here is fetched again on reconnect (after_seq); retrying would delay every other.
            log.warn("Could not deliver {} {}: {}", event.type(), event.id(), e.toString());
        }
    }

    /** @return the sockets given a frame */
    private int deliver(EventEnvelope event) {
        int sockets = 0;
        JsonNode data = event.data();
        if (event.is(PresenceChanged.TYPE)) {
            UUID user = UUID.fromString(data.get("user_id").asString());
            Set<UUID> local = sessions.users();
            Socket.Frame frame = frame(event, null, null, false);
            for (UUID watcher : conversations.sharingAConversation(user, local)) {
                for (Socket socket : sessions.of(watcher)) {
                    socket.deliver(frame);
                    sockets++;
                }
            }
            return sockets;
        }
        if (!data.has("conversation_id") && !data.has("channel_id")) {
            return 0;
        }
        UUID conversation = UUID.fromString(
                (data.has("conversation_id") ? data.get("conversation_id") : data.get("channel_id")).asString());
        Long seq =
                data.has("seq") && data.get("seq").isNumber() ? data.get("seq").asLong() : null;
        Socket.Frame frame = frame(event, conversation, seq, event.is(MessageSent.TYPE));
        if (event.is(CallStarted.TYPE) && "ringing".equals(data.path("status").asString(""))) {
            // A DM call rings the others: call.ringing on their sockets, as well as call.started for everyone.
            Socket.Frame ringing =
                    new Socket.Frame(conversation, null, false, Frames.json(mapper, RINGING, conversation, null, data));
            for (JsonNode rung : data.path("ringing")) {
                for (Socket socket : sessions.of(UUID.fromString(rung.asString()))) {
                    if (socket.watches(conversation)) {
                        socket.deliver(ringing);
                        sockets++;
                    }
                }
            }
        }
        Collection<UUID> recipients;
        if (event.is(ConversationRead.TYPE)) {
            recipients = List.of(UUID.fromString(data.get("user_id").asString()));
        } else if (event.is(ChannelMemberAdded.TYPE) || event.is(ChannelMemberRemoved.TYPE)) {
            Set<UUID> members = new HashSet<>(conversations.memberIds(conversation));
            members.add(UUID.fromString(data.get("user_id").asString()));
            recipients = members;
        } else {
            // message.*, reaction.*, typing.started, dm.created, channel.*, call.*, voice.*: the conversation's members
            recipients = conversations.memberIds(conversation);
        }
        UUID typist = event.is(TypingStarted.TYPE)
                ? UUID.fromString(data.get("user_id").asString())
                : null;
        for (UUID user : recipients) {
            if (user.equals(typist)) {
                continue;
            }
            for (Socket socket : sessions.of(user)) {
                if (socket.watches(conversation)) {
                    socket.deliver(frame);
                    sockets++;
                }
            }
        }
        return sockets;
    }

    private void recordDelivery(EventEnvelope event) {
        if (event.time() == null) {
            return; // nothing to measure from
        }
        Instant occurred;
        try {
            occurred = Instant.parse(event.time());
        } catch (DateTimeParseException e) {
            return;
        }
        // Negative (another host's clock ahead of ours) is dropped by the timer rather than counted as instant.
        delivery.record(Duration.between(occurred, clock.instant()));
    }

    private Socket.Frame frame(EventEnvelope event, UUID conversation, Long seq, boolean message) {
        return new Socket.Frame(
                conversation, seq, message, Frames.json(mapper, event.type(), conversation, seq, event.data()));
    }
}
