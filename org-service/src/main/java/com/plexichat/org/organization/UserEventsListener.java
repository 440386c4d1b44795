package com.plexichat.org.organization;

import com.plexichat.org.knownuser.KnownUsers;
import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import java.time.Clock;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the replica of existing users; a deleted user leaves every organization. Each event counts once. */
@Component
class UserEventsListener {

    static final String CONSUMER = "org-service.users";

    private final EventHandlers handlers;

    UserEventsListener(KnownUsers knownUsers, OrganizationService organizations, ConsumedEvents events, Clock clock) {
        this.handlers = events.consumer(CONSUMER)
                .once(UserRegistered.TYPE, registered -> knownUsers.registered(registered.userId(), clock.instant()))
                .once(UserDeleted.TYPE, deleted -> {
                    knownUsers.deleted(deleted.userId(), clock.instant());
                    organizations.removeEverywhere(deleted.userId());
                })
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
