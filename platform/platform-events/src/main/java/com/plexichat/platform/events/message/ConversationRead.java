package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user has read a conversation up to {@code seq} (their other devices clear the badge). */
public record ConversationRead(UUID conversationId, UUID userId, long seq, Instant readAt) {

    public static final EventType<ConversationRead> TYPE =
            new EventType<>("conversation.read", Topics.MESSAGES, ConversationRead.class, Set.of("messaging-service"));
}
