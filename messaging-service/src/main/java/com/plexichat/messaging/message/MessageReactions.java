package com.plexichat.messaging.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a message's view needs of its reactions, answered by the reaction feature. The reaction feature reads
 * messages through {@link MessageService}; declaring this here, and not calling it there, keeps the two features
 * from depending on each other.
 */
public interface MessageReactions {

    /** The reactions of these messages as the user sees them, in the order each emoji was first used. */
    Map<UUID, List<ReactionResponse>> of(Collection<UUID> messageIds, UUID userId);

    /** A deleted message keeps no reactions. */
    void removeAll(UUID messageId);
}
