package com.plexichat.user.user;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.user.UserStatusChanged;
import java.time.Clock;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users arrive from auth-service's events. Each event takes effect once (its id is recorded in the
 * same transaction); a user registered twice or deleted twice changes nothing the second time.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "user-service.users";

    private final UserRepository users;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;
    private final Clock clock;

    UserEventsListener(UserRepository users, ProcessedEvents processed, JsonMapper mapper, Clock clock) {
        this.users = users;
        this.processed = processed;
        this.mapper = mapper;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(UserRegistered.TYPE)) {
            if (processed.firstDelivery(CONSUMER, event)) {
                UserRegistered registered = event.dataAs(UserRegistered.TYPE, mapper);
                users.insert(
                        registered.userId(),
                        registered.username(),
                        registered.email(),
                        registered.displayName(),
                        registered.registeredAt());
            }
        } else if (event.is(UserStatusChanged.TYPE)) {
            if (processed.firstDelivery(CONSUMER, event)) {
                UserStatusChanged changed = event.dataAs(UserStatusChanged.TYPE, mapper);
                users.setStatus(changed.userId(), changed.status(), clock.instant());
            }
        } else if (event.is(UserDeleted.TYPE)) {
            if (processed.firstDelivery(CONSUMER, event)) {
                users.markDeleted(event.dataAs(UserDeleted.TYPE, mapper).userId(), clock.instant());
            }
        }
    }
}
