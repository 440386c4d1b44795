package com.plexichat.auth.account;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.user.UserDeletionRequested;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** An administrator's deletion (from user-service) removes the credentials too, once per request. */
@Component
class DeletionRequestListener {

    static final String CONSUMER = "auth-service.users";

    private final AccountService accounts;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    DeletionRequestListener(AccountService accounts, ProcessedEvents processed, JsonMapper mapper) {
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
        }
    }
}
