package com.plexichat.org.organization;

import com.plexichat.org.knownuser.KnownUsers;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import java.time.Clock;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the replica of existing users; a deleted user leaves every organization. Each event counts once. */
@Component
class UserEventsListener {

    static final String CONSUMER = "org-service.users";

    private final KnownUsers knownUsers;
    private final OrganizationService organizations;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;
    private final Clock clock;

    UserEventsListener(
            KnownUsers knownUsers,
            OrganizationService organizations,
            ProcessedEvents processed,
            JsonMapper mapper,
            Clock clock) {
        this.knownUsers = knownUsers;
        this.organizations = organizations;
        this.processed = processed;
        this.mapper = mapper;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(UserRegistered.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            knownUsers.registered(event.dataAs(UserRegistered.TYPE, mapper).userId(), clock.instant());
        } else if (event.is(UserDeleted.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            UserDeleted deleted = event.dataAs(UserDeleted.TYPE, mapper);
            knownUsers.deleted(deleted.userId(), clock.instant());
            organizations.removeEverywhere(deleted.userId());
        }
    }
}
