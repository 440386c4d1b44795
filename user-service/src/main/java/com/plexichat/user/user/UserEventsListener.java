package com.plexichat.user.user;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.user.UserStatusChanged;
import java.time.Clock;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users arrive from auth-service's events. Each event takes effect once (its id is recorded in the
 * same transaction); a user registered twice or deleted twice changes nothing the second time.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "user-service.users";

    private final EventHandlers handlers;

    UserEventsListener(UserRepository users, ConsumedEvents events, Clock clock) {
        this.handlers = events.consumer(CONSUMER)
                .once(
                        UserRegistered.TYPE,
                        registered -> users.insert(
                                registered.userId(),
                                registered.username(),
                                registered.email(),
                                registered.displayName(),
                                registered.registeredAt()))
                .once(
                        UserStatusChanged.TYPE,
                        changed -> users.setStatus(changed.userId(), changed.status(), clock.instant()))
                .once(UserDeleted.TYPE, deleted -> users.markDeleted(deleted.userId(), clock.instant()))
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
