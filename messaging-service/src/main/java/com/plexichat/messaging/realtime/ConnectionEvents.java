package com.plexichat.messaging.realtime;

import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells user-service about every socket that opens and closes (its automatic presence: online while a
 * user has one). Through the outbox, so a close is never lost while Kafka is away; the connection id
 * names this replica's run, so a replica that died without closing can be told apart.
 */
@Component
class ConnectionEvents {

    private final String instanceId = "messaging-service:" + UUID.randomUUID();
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConnectionEvents(EventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    void opened(Socket socket) {
        transactions.executeWithoutResult(status -> events.publish(
                ConnectionOpened.TYPE,
                socket.userId().toString(),
                new ConnectionOpened(socket.userId(), connectionId(socket), instanceId, clock.instant())));
    }

    void closed(Socket socket) {
        transactions.executeWithoutResult(status -> events.publish(
                ConnectionClosed.TYPE,
                socket.userId().toString(),
                new ConnectionClosed(socket.userId(), connectionId(socket), instanceId, clock.instant())));
    }

    private String connectionId(Socket socket) {
        return instanceId + ":" + socket.id();
    }
}
