package com.plexichat.messaging.knownuser;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the replica of existing users (usernames for mentions, participants for DMs). Each event counts once. */
@Component
class UserEventsListener {

    static final String CONSUMER = "messaging-service.users";

    private final KnownUsers users;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    UserEventsListener(KnownUsers users, ProcessedEvents processed, JsonMapper mapper) {
        this.users = users;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(UserRegistered.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            UserRegistered registered = event.dataAs(UserRegistered.TYPE, mapper);
            users.registered(registered.userId(), registered.username());
        } else if (event.is(UserDeleted.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            users.deleted(event.dataAs(UserDeleted.TYPE, mapper).userId());
        }
    }
}
