package com.plexichat.admin.stats;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileUploaded;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.org.OrgCreated;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import java.time.Instant;
import java.util.Set;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Feeds the statistics' read model; each event counts once (a redelivered message is not a second one). */
@Component
class StatsEventsListener {

    static final String CONSUMER = "admin-service.stats";

    private static final Set<String> COUNTED = Set.of(
            OrgCreated.TYPE.name(),
            OrgDeleted.TYPE.name(),
            ChannelCreated.TYPE.name(),
            ChannelDeleted.TYPE.name(),
            DmCreated.TYPE.name(),
            MessageSent.TYPE.name(),
            FileUploaded.TYPE.name(),
            FileDeleted.TYPE.name(),
            ConnectionOpened.TYPE.name(),
            ConnectionClosed.TYPE.name());

    private final StatsModel model;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    StatsEventsListener(StatsModel model, ProcessedEvents processed, JsonMapper mapper) {
        this.model = model;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(
            topics = {Topics.USERS, Topics.ORGS, Topics.CHANNELS, Topics.MESSAGES, Topics.FILES},
            groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        // Typing, reads and the rest pass by without a database call.
        if (event.type() == null || !COUNTED.contains(event.type()) || !processed.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (event.is(MessageSent.TYPE)) {
            // Only the time matters: the message itself (content, mentions) is not read.
            model.message(Instant.parse(event.data().path("sent_at").asString()));
        } else if (event.is(OrgCreated.TYPE)) {
            OrgCreated created = event.dataAs(OrgCreated.TYPE, mapper);
            model.organization(created.organizationId(), created.createdAt());
        } else if (event.is(OrgDeleted.TYPE)) {
            model.organizationDeleted(event.dataAs(OrgDeleted.TYPE, mapper).organizationId());
        } else if (event.is(ChannelCreated.TYPE)) {
            ChannelCreated created = event.dataAs(ChannelCreated.TYPE, mapper);
            model.channel(created.channelId(), created.organizationId(), created.createdAt());
        } else if (event.is(ChannelDeleted.TYPE)) {
            model.channelDeleted(event.dataAs(ChannelDeleted.TYPE, mapper).channelId());
        } else if (event.is(DmCreated.TYPE)) {
            DmCreated created = event.dataAs(DmCreated.TYPE, mapper);
            model.dm(created.conversationId(), created.createdAt());
        } else if (event.is(FileUploaded.TYPE)) {
            FileUploaded uploaded = event.dataAs(FileUploaded.TYPE, mapper);
            model.file(uploaded.fileId(), uploaded.size(), uploaded.uploadedAt());
        } else if (event.is(FileDeleted.TYPE)) {
            model.fileDeleted(event.dataAs(FileDeleted.TYPE, mapper).fileId());
        } else if (event.is(ConnectionOpened.TYPE)) {
            ConnectionOpened opened = event.dataAs(ConnectionOpened.TYPE, mapper);
            model.connectionOpened(opened.connectionId(), opened.userId(), opened.instanceId(), opened.openedAt());
        } else if (event.is(ConnectionClosed.TYPE)) {
            model.connectionClosed(event.dataAs(ConnectionClosed.TYPE, mapper).connectionId());
        }
    }
}
