package com.plexichat.user.membership;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link OrgMembers} in step with org-service. Events of one organization arrive in order
 * (keyed by its id); a redelivered one is skipped.
 */
@Component
class OrgEventsListener {

    static final String CONSUMER = "user-service.orgs";

    private final OrgMembers members;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    OrgEventsListener(OrgMembers members, ProcessedEvents processed, JsonMapper mapper) {
        this.members = members;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.ORGS, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(OrgMemberAdded.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            OrgMemberAdded added = event.dataAs(OrgMemberAdded.TYPE, mapper);
            members.add(added.organizationId(), added.userId());
        } else if (event.is(OrgMemberRemoved.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            OrgMemberRemoved removed = event.dataAs(OrgMemberRemoved.TYPE, mapper);
            members.remove(removed.organizationId(), removed.userId());
        } else if (event.is(OrgDeleted.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            members.removeOrganization(event.dataAs(OrgDeleted.TYPE, mapper).organizationId());
        }
    }
}
