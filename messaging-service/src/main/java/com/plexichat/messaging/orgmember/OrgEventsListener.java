package com.plexichat.messaging.orgmember;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link OrgMembers} in step with org-service. Events of one organization arrive in order
 * (keyed by its id); a redelivered one is skipped.
 */
@Component
class OrgEventsListener {

    static final String CONSUMER = "messaging-service.orgs";

    private final EventHandlers handlers;

    OrgEventsListener(OrgMembers members, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                .once(OrgMemberAdded.TYPE, added -> members.add(added.organizationId(), added.userId()))
                .once(OrgMemberRemoved.TYPE, removed -> members.remove(removed.organizationId(), removed.userId()))
                .once(OrgDeleted.TYPE, deleted -> members.removeOrganization(deleted.organizationId()))
                .build();
    }

    @KafkaListener(topics = Topics.ORGS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
