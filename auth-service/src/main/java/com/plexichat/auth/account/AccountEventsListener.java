package com.plexichat.auth.account;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.events.user.UserStatusChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What administrators decide elsewhere takes effect in Keycloak here, once per event: a deletion removes the
 * credentials, a suspension disables the account and ends its sessions, a re-activation enables it. A Keycloak that
 * cannot answer fails the delivery, which Kafka retries.
 */
@Component
class AccountEventsListener {

    static final String CONSUMER = "auth-service.users";

    private final AccountService accounts;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    AccountEventsListener(AccountService accounts, ProcessedEvents processed, JsonMapper mapper) {
        this.accounts = accounts;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(UserDeletionRequested.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            accounts.deleteAccount(
                    event.dataAs(UserDeletionRequested.TYPE, mapper).userId());
        } else if (event.is(UserStatusChanged.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            UserStatusChanged changed = event.dataAs(UserStatusChanged.TYPE, mapper);
            accounts.applyStatus(changed.userId(), changed.status(), changed.reason());
        }
    }
}
