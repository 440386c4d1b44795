package com.plexichat.file.conversation;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.channel.ChannelReplica;
import com.plexichat.platform.events.message.DmCreated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the replica of channels (channel-service's events) and DMs ({@code dm.created}) in step; each event once. */
@Component
class ConversationEventsListener {

    static final String CHANNELS_CONSUMER = "file-service.channels";
    static final String DMS_CONSUMER = "file-service.dms";

    private final EventHandlers channels;
    private final EventHandlers dms;

    ConversationEventsListener(ConversationReplica replica, ConsumedEvents events) {
        this.channels = ChannelReplica.follow(events.consumer(CHANNELS_CONSUMER), replica)
                .build();
        this.dms = events.consumer(DMS_CONSUMER)
                .once(DmCreated.TYPE, created -> replica.addDm(created.conversationId(), created.participantIds()))
                .build();
    }

    @KafkaListener(topics = Topics.CHANNELS, groupId = CHANNELS_CONSUMER)
    @Transactional
    public void onChannel(EventEnvelope event) {
        channels.handle(event);
    }

    @KafkaListener(topics = Topics.MESSAGES, groupId = DMS_CONSUMER)
    @Transactional
    public void onDm(EventEnvelope event) {
        dms.handle(event);
    }
}
