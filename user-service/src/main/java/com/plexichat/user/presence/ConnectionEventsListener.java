package com.plexichat.user.presence;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Automatic presence from messaging-service's WebSocket connections. Each event counts once. */
@Component
class ConnectionEventsListener {

    static final String CONSUMER = "user-service.presence";

    private final EventHandlers handlers;

    ConnectionEventsListener(PresenceService presence, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                .once(
                        ConnectionOpened.TYPE,
                        opened -> presence.connected(
                                opened.userId(), opened.connectionId(), opened.instanceId(), opened.openedAt()))
                .once(ConnectionClosed.TYPE, closed -> presence.disconnected(closed.userId(), closed.connectionId()))
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
