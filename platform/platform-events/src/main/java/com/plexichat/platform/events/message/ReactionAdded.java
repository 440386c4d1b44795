package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user reacted to a message with an emoji (unicode, or a {@code :shortcode:}); {@code count} is the new total. */
public record ReactionAdded(
        UUID messageId, UUID conversationId, UUID userId, String emoji, long count, Instant addedAt) {

    public static final EventType<ReactionAdded> TYPE =
            new EventType<>("reaction.added", Topics.MESSAGES, ReactionAdded.class, Set.of("messaging-service"));
}
