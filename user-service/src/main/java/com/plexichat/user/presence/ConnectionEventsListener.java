package com.plexichat.user.presence;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Automatic presence from messaging-service's WebSocket connections. Each event counts once. */
@Component
class ConnectionEventsListener {

    static final String CONSUMER = "user-service.presence";

    private final PresenceService presence;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    ConnectionEventsListener(PresenceService presence, ProcessedEvents processed, JsonMapper mapper) {
        this.presence = presence;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(ConnectionOpened.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            ConnectionOpened opened = event.dataAs(ConnectionOpened.TYPE, mapper);
            presence.connected(opened.userId(), opened.connectionId(), opened.instanceId(), opened.openedAt());
        } else if (event.is(ConnectionClosed.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            ConnectionClosed closed = event.dataAs(ConnectionClosed.TYPE, mapper);
            presence.disconnected(closed.userId(), closed.connectionId());
        }
    }
}
