package com.plexichat.messaging.reaction;

import com.plexichat.messaging.message.MessageReactions;
import com.plexichat.messaging.message.ReactionResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The reactions shown on message views; apart from {@link ReactionService}, which itself needs messages. */
@Component
class ReactionSummaries implements MessageReactions {

    private final ReactionRepository reactions;

    ReactionSummaries(ReactionRepository reactions) {
        this.reactions = reactions;
    }

    @Override
    public Map<UUID, List<ReactionResponse>> of(Collection<UUID> messageIds, UUID userId) {
        return reactions.of(messageIds, userId);
    }

    @Override
    public void removeAll(UUID messageId) {
        reactions.removeAll(messageId);
    }
}
