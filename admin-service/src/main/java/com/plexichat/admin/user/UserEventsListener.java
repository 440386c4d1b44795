package com.plexichat.admin.user;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.user.PresenceChanged;
import com.plexichat.platform.events.user.UserStatusChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The replica follows registrations and deletions (auth-service), presence (user-service, for {@code
 * last_active_at}) and status changes (its own, and any replayed); each event counts once.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "admin-service.users";

    private final EventHandlers handlers;

    UserEventsListener(AdminUsers users, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                // Idempotent by itself (the latest time wins): no need to record the event.
                .always(PresenceChanged.TYPE, presence -> {
                    if (presence.lastActiveAt() != null) {
                        users.lastActive(presence.userId(), presence.lastActiveAt());
                    }
                })
                .once(
                        UserRegistered.TYPE,
                        registered -> users.registered(
                                registered.userId(),
                                registered.username(),
                                registered.email(),
                                registered.displayName(),
                                registered.registeredAt()))
                .once(
                        UserStatusChanged.TYPE,
                        changed ->
                                users.status(changed.userId(), changed.status(), changed.reason(), changed.changedAt()))
                .once(UserDeleted.TYPE, deleted -> users.deleted(deleted.userId(), deleted.deletedAt()))
                .build();
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
