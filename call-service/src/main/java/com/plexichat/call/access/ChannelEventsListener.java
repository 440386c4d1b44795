package com.plexichat.call.access;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.channel.ChannelPermissionsUpdated;
import com.plexichat.platform.events.channel.ChannelUpdated;
import com.plexichat.platform.events.message.DmCreated;
import java.time.Instant;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the replica: channel-service's channel events, and messaging-service's DMs; each event once. */
@Component
class ChannelEventsListener {

    static final String CHANNELS = "call-service.channels";
    static final String DMS = "call-service.dms";

    private final ChannelReplica replica;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    ChannelEventsListener(ChannelReplica replica, ProcessedEvents processed, JsonMapper mapper) {
        this.replica = replica;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.CHANNELS, groupId = CHANNELS)
    @Transactional
    public void onChannel(EventEnvelope event) {
        if (event.type() == null || !event.type().startsWith("channel.") || !processed.firstDelivery(CHANNELS, event)) {
            return;
        }
        Instant now = Instant.now();
        if (event.is(ChannelCreated.TYPE)) {
            ChannelCreated created = event.dataAs(ChannelCreated.TYPE, mapper);
            replica.upsertChannel(created.channelId(), created.organizationId(), created.type(), now);
            replica.permissions(created.channelId(), created.roles());
        } else if (event.is(ChannelUpdated.TYPE)) {
            ChannelUpdated updated = event.dataAs(ChannelUpdated.TYPE, mapper);
            replica.upsertChannel(updated.channelId(), updated.organizationId(), null, now);
            replica.archived(updated.channelId(), updated.archived());
        } else if (event.is(ChannelArchived.TYPE)) {
            ChannelArchived archived = event.dataAs(ChannelArchived.TYPE, mapper);
            replica.upsertChannel(archived.channelId(), archived.organizationId(), null, now);
            replica.archived(archived.channelId(), true);
        } else if (event.is(ChannelDeleted.TYPE)) {
            replica.delete(event.dataAs(ChannelDeleted.TYPE, mapper).channelId());
        } else if (event.is(ChannelMemberAdded.TYPE)) {
            ChannelMemberAdded added = event.dataAs(ChannelMemberAdded.TYPE, mapper);
            replica.upsertChannel(added.channelId(), added.organizationId(), null, now);
            replica.addMember(added.channelId(), added.userId(), added.permissionRole());
        } else if (event.is(ChannelMemberRemoved.TYPE)) {
            ChannelMemberRemoved removed = event.dataAs(ChannelMemberRemoved.TYPE, mapper);
            replica.removeMember(removed.channelId(), removed.userId());
        } else if (event.is(ChannelPermissionsUpdated.TYPE)) {
            ChannelPermissionsUpdated updated = event.dataAs(ChannelPermissionsUpdated.TYPE, mapper);
            replica.upsertChannel(updated.channelId(), updated.organizationId(), null, now);
            replica.permissions(updated.channelId(), updated.roles());
        }
    }

    @KafkaListener(topics = Topics.MESSAGES, groupId = DMS)
    @Transactional
    public void onMessage(EventEnvelope event) {
        // Messages, typing and reads pass by without a database call.
        if (!event.is(DmCreated.TYPE) || !processed.firstDelivery(DMS, event)) {
            return;
        }
        DmCreated created = event.dataAs(DmCreated.TYPE, mapper);
        replica.dm(created.conversationId(), created.participantIds(), created.createdAt());
    }
}
