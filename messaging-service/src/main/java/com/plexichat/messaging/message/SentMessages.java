package com.plexichat.messaging.message;

import com.plexichat.messaging.conversation.Conversations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code plexichat.messages.sent}, tag {@code kind} ({@code channel} or {@code dm}): new messages, counted once their
 * transaction commits, so a send that rolls back counts nothing. A retry answered with the earlier message (same
 * author and {@code client_msg_id}) never gets here. Both series exist from the start, so a rate reads 0, not nothing.
 */
@Component
class SentMessages {

    static final String SENT = "plexichat.messages.sent";

    private final Counter channel;
    private final Counter dm;

    SentMessages(MeterRegistry meters) {
        this.channel = counter(meters, Conversations.CHANNEL);
        this.dm = counter(meters, Conversations.DM);
    }

    /** Called in the sending transaction, after the message is written. */
    void countAfterCommit(String kind) {
        Counter counter = Conversations.DM.equals(kind) ? dm : channel;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    private static Counter counter(MeterRegistry meters, String kind) {
        return Counter.builder(SENT)
                .description("New messages committed")
                .tag("kind", kind)
                .register(meters);
    }
}
