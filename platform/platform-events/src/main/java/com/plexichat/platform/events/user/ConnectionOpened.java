package com.plexichat.platform.events.user;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user opened a realtime connection (a WebSocket) on a messaging-service replica ({@code instanceId}):
 * while they have one, their automatic presence is online.
 */
public record ConnectionOpened(UUID userId, String connectionId, String instanceId, Instant openedAt) {

    public static final EventType<ConnectionOpened> TYPE =
            new EventType<>("connection.opened", Topics.USERS, ConnectionOpened.class, Set.of("messaging-service"));
}
