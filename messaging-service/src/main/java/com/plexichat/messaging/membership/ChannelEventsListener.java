package com.plexichat.messaging.membership;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.channel.ChannelReplica;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the replica of channels, their members and permissions in step with channel-service (the conversation
 * feature's {@link ChannelReplica}). A channel's events arrive in order (keyed by its id); a redelivered one is
 * skipped.
 */
@Component
class ChannelEventsListener {

    static final String CONSUMER = "messaging-service.channels";

    private final EventHandlers handlers;

    ChannelEventsListener(ChannelReplica replica, ConsumedEvents events) {
        this.handlers =
                ChannelReplica.follow(events.consumer(CONSUMER), replica).build();
    }

    @KafkaListener(topics = Topics.CHANNELS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
