package com.plexichat.platform.events.user;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A realtime connection of the user ended; with their last one, their automatic presence is offline. */
public record ConnectionClosed(UUID userId, String connectionId, String instanceId, Instant closedAt) {

    public static final EventType<ConnectionClosed> TYPE =
            new EventType<>("connection.closed", Topics.USERS, ConnectionClosed.class, Set.of("messaging-service"));
}
