package com.plexichat.auth.account;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.events.user.UserStatusChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators decide elsewhere takes effect in Keycloak here, once per event: a deletion removes the
 * credentials, a suspension disables the account and ends its sessions, a re-activation enables it. A Keycloak that
 * cannot answer fails the delivery, which Kafka retries.
 */
@Component
class AccountEventsListener {

    static final String CONSUMER = "auth-service.users";

    private final EventHandlers handlers;

    AccountEventsListener(AccountService accounts, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                .once(UserDeletionRequested.TYPE, requested -> accounts.deleteAccount(requested.userId()))
                .once(
                        UserStatusChanged.TYPE,
                        changed -> accounts.applyStatus(changed.userId(), changed.status(), changed.reason()))
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
