package com.plexichat.admin.user;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.user.PresenceChanged;
import com.plexichat.platform.events.user.UserStatusChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replica follows registrations and deletions (auth-service), presence (user-service, for {@code
 * last_active_at}) and status changes (its own, and any replayed); each event counts once.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "admin-service.users";

    private final AdminUsers users;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    UserEventsListener(AdminUsers users, ProcessedEvents processed, JsonMapper mapper) {
        this.users = users;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(PresenceChanged.TYPE)) {
            // Idempotent by itself (the latest time wins): no need to record the event.
            PresenceChanged presence = event.dataAs(PresenceChanged.TYPE, mapper);
            if (presence.lastActiveAt() != null) {
                users.lastActive(presence.userId(), presence.lastActiveAt());
            }
        } else if (event.is(UserRegistered.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            UserRegistered registered = event.dataAs(UserRegistered.TYPE, mapper);
            users.registered(
                    registered.userId(),
                    registered.username(),
                    registered.email(),
                    registered.displayName(),
                    registered.registeredAt());
        } else if (event.is(UserStatusChanged.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            UserStatusChanged changed = event.dataAs(UserStatusChanged.TYPE, mapper);
            users.status(changed.userId(), changed.status(), changed.reason(), changed.changedAt());
        } else if (event.is(UserDeleted.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            UserDeleted deleted = event.dataAs(UserDeleted.TYPE, mapper);
            users.deleted(deleted.userId(), deleted.deletedAt());
        }
    }
}
