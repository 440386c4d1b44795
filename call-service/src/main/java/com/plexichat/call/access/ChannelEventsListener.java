package com.plexichat.call.access;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.message.DmCreated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the replica: channel-service's channel events, and messaging-service's DMs; each event once. */
@Component
class ChannelEventsListener {

    static final String CHANNELS = "call-service.channels";
    static final String DMS = "call-service.dms";

    private final EventHandlers channels;
    private final EventHandlers dms;

    ChannelEventsListener(ChannelReplica replica, ConsumedEvents events) {
        this.channels = com.plexichat.platform.events.channel.ChannelReplica.follow(events.consumer(CHANNELS), replica)
                .build();
        // Messages, typing and reads pass by without a database call.
        this.dms = events.consumer(DMS)
                .once(
                        DmCreated.TYPE,
                        created -> replica.dm(created.conversationId(), created.participantIds(), created.createdAt()))
                .build();
    }

    @KafkaListener(topics = Topics.CHANNELS, groupId = CHANNELS)
    @Transactional
    public void onChannel(EventEnvelope event) {
        channels.handle(event);
    }

    @KafkaListener(topics = Topics.MESSAGES, groupId = DMS)
    @Transactional
    public void onMessage(EventEnvelope event) {
        dms.handle(event);
    }
}
