package com.plexichat.messaging.knownuser;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the replica of existing users (usernames for mentions, participants for DMs). Each event counts once. */
@Component
class UserEventsListener {

    static final String CONSUMER = "messaging-service.users";

    private final EventHandlers handlers;

    UserEventsListener(KnownUsers users, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                .once(UserRegistered.TYPE, registered -> users.registered(registered.userId(), registered.username()))
                .once(UserDeleted.TYPE, deleted -> users.deleted(deleted.userId()))
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
