package com.plexichat.messaging.conversation;

import java.time.Instant;
import java.util.UUID;

/** A channel's or a DM's conversation: the counter its messages are numbered by, and what it belongs to. */
public record Conversation(
        UUID id,
        String kind,
        UUID organizationId,
        String channelType,
        boolean archived,
        UUID createdBy,
        long lastSeq,
        Instant lastMessageAt,
        Instant createdAt) {

    /** As channel-service has it now, when its answer is newer than the replica (a replica miss). */
    Conversation archived(boolean archived) {
        return new Conversation(
                id, kind, organizationId, channelType, archived, createdBy, lastSeq, lastMessageAt, createdAt);
    }

    public boolean isDm() {
        return Conversations.DM.equals(kind);
    }
}
