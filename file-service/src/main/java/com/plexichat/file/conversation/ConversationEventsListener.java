package com.plexichat.file.conversation;

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
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the replica of channels (channel-service's events) and DMs ({@code dm.created} from messaging-service) in
 * step. A channel's events arrive in order (keyed by its id); a redelivered one is skipped.
 */
@Component
class ConversationEventsListener {

    static final String CHANNELS_CONSUMER = "file-service.channels";
    static final String DMS_CONSUMER = "file-service.dms";

    private final ConversationReplica replica;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    ConversationEventsListener(ConversationReplica replica, ProcessedEvents processed, JsonMapper mapper) {
        this.replica = replica;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.CHANNELS, groupId = CHANNELS_CONSUMER)
    @Transactional
    public void onChannel(EventEnvelope event) {
        if (!event.type().startsWith("channel.") || !processed.firstDelivery(CHANNELS_CONSUMER, event)) {
            return;
        }
        if (event.is(ChannelCreated.TYPE)) {
            ChannelCreated created = event.dataAs(ChannelCreated.TYPE, mapper);
            replica.upsertChannel(created.channelId(), created.organizationId());
            replica.setPermissions(created.channelId(), created.roles());
        } else if (event.is(ChannelUpdated.TYPE)) {
            ChannelUpdated updated = event.dataAs(ChannelUpdated.TYPE, mapper);
            replica.setArchived(updated.channelId(), updated.archived());
        } else if (event.is(ChannelArchived.TYPE)) {
            replica.setArchived(event.dataAs(ChannelArchived.TYPE, mapper).channelId(), true);
        } else if (event.is(ChannelDeleted.TYPE)) {
            replica.delete(event.dataAs(ChannelDeleted.TYPE, mapper).channelId());
        } else if (event.is(ChannelMemberAdded.TYPE)) {
            ChannelMemberAdded added = event.dataAs(ChannelMemberAdded.TYPE, mapper);
            // The channel may predate this replica (its creation long gone from the topic): make its row.
            replica.upsertChannel(added.channelId(), added.organizationId());
            replica.addMember(added.channelId(), added.userId(), added.permissionRole());
        } else if (event.is(ChannelMemberRemoved.TYPE)) {
            ChannelMemberRemoved removed = event.dataAs(ChannelMemberRemoved.TYPE, mapper);
            replica.removeMember(removed.channelId(), removed.userId());
        } else if (event.is(ChannelPermissionsUpdated.TYPE)) {
            ChannelPermissionsUpdated updated = event.dataAs(ChannelPermissionsUpdated.TYPE, mapper);
            replica.upsertChannel(updated.channelId(), updated.organizationId());
            replica.setPermissions(updated.channelId(), updated.roles());
        }
    }

    @KafkaListener(topics = Topics.MESSAGES, groupId = DMS_CONSUMER)
    @Transactional
    public void onDm(EventEnvelope event) {
        if (!event.is(DmCreated.TYPE) || !processed.firstDelivery(DMS_CONSUMER, event)) {
            return;
        }
        DmCreated created = event.dataAs(DmCreated.TYPE, mapper);
        replica.addDm(created.conversationId(), created.participantIds());
    }
}
