package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user is typing in a conversation. Ephemeral: sent straight to Kafka, not through the outbox (a lost
 * one costs nothing), for every messaging-service replica to pass on to the conversation's sockets.
 */
public record TypingStarted(UUID conversationId, UUID userId, Instant startedAt) {

    public static final EventType<TypingStarted> TYPE =
            new EventType<>("typing.started", Topics.MESSAGES, TypingStarted.class, Set.of("messaging-service"));
}
