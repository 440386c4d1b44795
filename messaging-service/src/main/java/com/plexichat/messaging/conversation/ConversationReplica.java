package com.plexichat.messaging.conversation;

import com.plexichat.platform.events.channel.ChannelReplica;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The conversations of channels, their members and permissions as channel-service's events make them. */
@Component
class ConversationReplica implements ChannelReplica {

    private final ConversationRepository conversations;

    ConversationReplica(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    public void channel(UUID channelId, UUID organizationId, String type, Instant at) {
        conversations.upsertChannel(channelId, organizationId, type, at);
    }

    @Override
    public void archived(UUID channelId, boolean archived) {
        conversations.setArchived(channelId, archived);
    }

    /** A deleted channel takes its messages (the database cascades). */
    @Override
    public void deleted(UUID channelId) {
        conversations.delete(channelId);
    }

    @Override
    public void member(UUID channelId, UUID userId, String role, String permissionRole, Instant joinedAt) {
        conversations.addMember(channelId, userId, role, permissionRole, joinedAt);
    }

    @Override
    public void memberRemoved(UUID channelId, UUID userId) {
        conversations.removeMember(channelId, userId);
    }

    @Override
    public void permissions(UUID channelId, Map<String, List<String>> roles) {
        conversations.setPermissions(channelId, roles);
    }
}
