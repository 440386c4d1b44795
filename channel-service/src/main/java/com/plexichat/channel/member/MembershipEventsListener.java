package com.plexichat.channel.member;

import com.plexichat.channel.channel.Channels;
import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the replica of organization membership and cascades removals into channels: a user who leaves
 * an organization leaves its channels, a deleted organization takes its channels, a deleted user leaves
 * every channel. Events of one organization (or user) arrive in order; a redelivered one is skipped.
 */
@Component
class MembershipEventsListener {

    static final String ORGS_CONSUMER = "channel-service.orgs";
    static final String USERS_CONSUMER = "channel-service.users";

    private final EventHandlers orgEvents;
    private final EventHandlers userEvents;

    MembershipEventsListener(OrgMembers orgMembers, MemberService members, Channels channels, ConsumedEvents events) {
        this.orgEvents = events.consumer(ORGS_CONSUMER)
                .once(OrgMemberAdded.TYPE, added -> {
                    orgMembers.lock(added.organizationId());
                    if (!orgMembers.isDeleted(added.organizationId())) {
                        orgMembers.added(added.organizationId(), added.userId(), added.role());
                    }
                })
                .once(
                        OrgMemberRemoved.TYPE,
                        removed -> members.leftOrganization(removed.organizationId(), removed.userId()))
                .once(OrgDeleted.TYPE, deleted -> channels.organizationDeleted(deleted.organizationId()))
                .build();
        this.userEvents = events.consumer(USERS_CONSUMER)
                .once(UserDeleted.TYPE, deleted -> members.userDeleted(deleted.userId()))
                .build();
    }

    @KafkaListener(topics = Topics.ORGS, groupId = ORGS_CONSUMER)
    @Transactional
    public void onOrgEvent(EventEnvelope event) {
        orgEvents.handle(event);
    }

    @KafkaListener(topics = Topics.USERS, groupId = USERS_CONSUMER)
    @Transactional
    public void onUserEvent(EventEnvelope event) {
        userEvents.handle(event);
    }
}
