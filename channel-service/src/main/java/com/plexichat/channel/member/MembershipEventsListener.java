package com.plexichat.channel.member;

import com.plexichat.channel.channel.Channels;
import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.org.OrgMemberReplica;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the replica of organization membership and cascades removals into channels: a user who leaves
 * an organization leaves its channels, a deleted organization takes its channels, a deleted user leaves
 * every channel. Each event is applied once, and an organization event only where it is newer than what was applied
 * to its membership ({@link OrgMemberReplica#follow}).
 */
@Component
class MembershipEventsListener {

    static final String ORGS_CONSUMER = "channel-service.orgs";
    static final String USERS_CONSUMER = "channel-service.users";

    private final EventHandlers orgEvents;
    private final EventHandlers userEvents;

    MembershipEventsListener(OrgMembers orgMembers, MemberService members, Channels channels, ConsumedEvents events) {
        this.orgEvents = OrgMemberReplica.follow(events.consumer(ORGS_CONSUMER), new OrgMemberReplica() {
                    @Override
                    public void memberAdded(UUID organizationId, UUID userId, String role) {
                        orgMembers.lock(organizationId);
                        if (!orgMembers.isDeleted(organizationId)) {
                            orgMembers.added(organizationId, userId, role);
                        }
                    }

                    @Override
                    public void memberRemoved(UUID organizationId, UUID userId) {
                        members.leftOrganization(organizationId, userId);
                    }

                    @Override
                    public void organizationDeleted(UUID organizationId) {
                        channels.organizationDeleted(organizationId);
                    }
                })
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
