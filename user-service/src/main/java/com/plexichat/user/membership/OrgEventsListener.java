package com.plexichat.user.membership;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.org.OrgMemberReplica;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link OrgMembers} in step with org-service: each event once, and none older than what was applied to its
 * membership ({@link OrgMemberReplica#follow}).
 */
@Component
class OrgEventsListener {

    static final String CONSUMER = "user-service.orgs";

    private final EventHandlers handlers;

    OrgEventsListener(OrgMembers members, ConsumedEvents events) {
        this.handlers =
                OrgMemberReplica.follow(events.consumer(CONSUMER), members).build();
    }

    @KafkaListener(topics = Topics.ORGS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
