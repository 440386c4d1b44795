package com.plexichat.channel.channel;

import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the replica of organization membership and cascades removals into channels: a user who leaves
 * an organization leaves its channels, a deleted organization takes its channels, a deleted user leaves
 * every channel. Events of one organization (or user) arrive in order; a redelivered one is skipped.
 */
@Component
class MembershipEventsListener {

    static final String ORGS_CONSUMER = "channel-service.orgs";
    static final String USERS_CONSUMER = "channel-service.users";

    private final OrgMembers orgMembers;
    private final ChannelService channels;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    MembershipEventsListener(
            OrgMembers orgMembers, ChannelService channels, ProcessedEvents processed, JsonMapper mapper) {
        this.orgMembers = orgMembers;
        this.channels = channels;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.ORGS, groupId = ORGS_CONSUMER)
    @Transactional
    public void onOrgEvent(EventEnvelope event) {
        if (event.is(OrgMemberAdded.TYPE) && processed.firstDelivery(ORGS_CONSUMER, event)) {
            OrgMemberAdded added = event.dataAs(OrgMemberAdded.TYPE, mapper);
            orgMembers.lock(added.organizationId());
            if (!orgMembers.isDeleted(added.organizationId())) {
                orgMembers.added(added.organizationId(), added.userId(), added.role());
            }
        } else if (event.is(OrgMemberRemoved.TYPE) && processed.firstDelivery(ORGS_CONSUMER, event)) {
            OrgMemberRemoved removed = event.dataAs(OrgMemberRemoved.TYPE, mapper);
            channels.leftOrganization(removed.organizationId(), removed.userId());
        } else if (event.is(OrgDeleted.TYPE) && processed.firstDelivery(ORGS_CONSUMER, event)) {
            channels.organizationDeleted(event.dataAs(OrgDeleted.TYPE, mapper).organizationId());
        }
    }

    @KafkaListener(topics = Topics.USERS, groupId = USERS_CONSUMER)
    @Transactional
    public void onUserEvent(EventEnvelope event) {
        if (event.is(UserDeleted.TYPE) && processed.firstDelivery(USERS_CONSUMER, event)) {
            channels.userDeleted(event.dataAs(UserDeleted.TYPE, mapper).userId());
        }
    }
}
