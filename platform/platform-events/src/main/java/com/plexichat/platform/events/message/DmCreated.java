package com.plexichat.platform.events.message;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A direct-message conversation was started; its participants (the creator among them) never change. */
public record DmCreated(UUID conversationId, List<UUID> participantIds, UUID createdBy, Instant createdAt) {

    public static final EventType<DmCreated> TYPE =
            new EventType<>("dm.created", Topics.MESSAGES, DmCreated.class, Set.of("messaging-service"));
}
