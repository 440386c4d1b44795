package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A message's content was changed by its author (the earlier content stays in its history). */
public record MessageEdited(UUID messageId, UUID conversationId, long seq, String content, Instant editedAt) {

    public static final EventType<MessageEdited> TYPE =
            new EventType<>("message.edited", Topics.MESSAGES, MessageEdited.class, Set.of("messaging-service"));
}
