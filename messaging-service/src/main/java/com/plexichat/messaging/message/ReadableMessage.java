package com.plexichat.messaging.message;

import com.plexichat.messaging.conversation.Conversations.Access;
import java.util.UUID;

/** A message the caller may read, with what they may do in its conversation: what other features act on. */
public record ReadableMessage(
        UUID id, UUID conversationId, long seq, UUID authorId, UUID threadRootId, boolean deleted, Access access) {}
