package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A message became a tombstone: it keeps its place ({@code seq}) and loses its content. */
public record MessageDeleted(UUID messageId, UUID conversationId, long seq, UUID deletedBy, Instant deletedAt) {

    public static final EventType<MessageDeleted> TYPE =
            new EventType<>("message.deleted", Topics.MESSAGES, MessageDeleted.class, Set.of("messaging-service"));
}
