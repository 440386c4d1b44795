package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user took back their reaction; {@code count} is the new total. */
public record ReactionRemoved(
        UUID messageId, UUID conversationId, UUID userId, String emoji, long count, Instant removedAt) {

    public static final EventType<ReactionRemoved> TYPE =
            new EventType<>("reaction.removed", Topics.MESSAGES, ReactionRemoved.class, Set.of("messaging-service"));
}
