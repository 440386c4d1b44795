package com.plexichat.messaging.conversation;

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
import java.time.Clock;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the replica of channels, their members and permissions in step with channel-service. A
 * channel's events arrive in order (keyed by its id); a redelivered one is skipped. A deleted channel
 * takes its messages.
 */
@Component
class ChannelEventsListener {

    static final String CONSUMER = "messaging-service.channels";

    private final ConversationRepository conversations;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;
    private final Clock clock;

    ChannelEventsListener(
            ConversationRepository conversations, ProcessedEvents processed, JsonMapper mapper, Clock clock) {
        this.conversations = conversations;
        this.processed = processed;
        this.mapper = mapper;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.CHANNELS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (!event.type().startsWith("channel.") || !processed.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (event.is(ChannelCreated.TYPE)) {
            ChannelCreated created = event.dataAs(ChannelCreated.TYPE, mapper);
            conversations.upsertChannel(
                    created.channelId(), created.organizationId(), created.type(), created.createdAt());
            conversations.setPermissions(created.channelId(), created.roles());
        } else if (event.is(ChannelUpdated.TYPE)) {
            ChannelUpdated updated = event.dataAs(ChannelUpdated.TYPE, mapper);
            conversations.setArchived(updated.channelId(), updated.archived());
        } else if (event.is(ChannelArchived.TYPE)) {
            conversations.setArchived(event.dataAs(ChannelArchived.TYPE, mapper).channelId(), true);
        } else if (event.is(ChannelDeleted.TYPE)) {
            conversations.delete(event.dataAs(ChannelDeleted.TYPE, mapper).channelId());
        } else if (event.is(ChannelMemberAdded.TYPE)) {
            ChannelMemberAdded added = event.dataAs(ChannelMemberAdded.TYPE, mapper);
            // The channel may predate this replica (its creation long gone from the topic): make its row.
            conversations.upsertChannel(added.channelId(), added.organizationId(), null, clock.instant());
            conversations.addMember(
                    added.channelId(), added.userId(), added.role(), added.permissionRole(), added.joinedAt());
        } else if (event.is(ChannelMemberRemoved.TYPE)) {
            ChannelMemberRemoved removed = event.dataAs(ChannelMemberRemoved.TYPE, mapper);
            conversations.removeMember(removed.channelId(), removed.userId());
        } else if (event.is(ChannelPermissionsUpdated.TYPE)) {
            ChannelPermissionsUpdated updated = event.dataAs(ChannelPermissionsUpdated.TYPE, mapper);
            conversations.upsertChannel(updated.channelId(), updated.organizationId(), null, clock.instant());
            conversations.setPermissions(updated.channelId(), updated.roles());
        }
    }
}
