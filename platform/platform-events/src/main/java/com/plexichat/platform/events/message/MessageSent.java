package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A message was posted in a conversation (a channel or a DM), keyed by the conversation: consumers see
 * a conversation's messages in {@code seq} order.
 *
 * @param conversationType {@code channel} or {@code dm}
 * @param organizationId the channel's organization; null for a DM
 * @param threadRootId the thread's first message for a reply; null otherwise
 * @param replyCount for a reply, the root's reply count with this reply; 0 otherwise
 * @param mentions what the content mentions: usernames, and {@code channel} for {@code @channel}
 * @param mentionedUserIds the users those usernames name
 * @param clientMsgId the author's idempotency key, or null
 */
public record MessageSent(
        UUID messageId,
        UUID conversationId,
        String conversationType,
        UUID organizationId,
        long seq,
        UUID authorId,
        String content,
        UUID threadRootId,
        int replyCount,
        List<UUID> attachments,
        List<String> mentions,
        List<UUID> mentionedUserIds,
        String clientMsgId,
        Instant sentAt) {

    public static final EventType<MessageSent> TYPE =
            new EventType<>("message.sent", Topics.MESSAGES, MessageSent.class, Set.of("messaging-service"));
}
