package com.plexichat.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.channel.ChannelReplica;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import com.plexichat.platform.events.org.OrgMemberReplica;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/** The listener skeleton: each event type to its handler, once per event id where asked, the rest skipped. */
class EventHandlersTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** Remembers ids in memory, as the processed_event table does in the consumer's transaction. */
    private final Set<String> recorded = new HashSet<>();

    private final ProcessedEvents processed = new ProcessedEvents(null) {
        @Override
        public boolean firstDelivery(String consumer, String eventId) {
            return recorded.add(consumer + "/" + eventId);
        }
    };

    /** Keeps versions in memory, as the applied_version table does in the consumer's transaction. */
    private final Map<String, Long> versions = new HashMap<>();

    private final AppliedVersions applied = new AppliedVersions(null) {
        @Override
        public boolean advance(String consumer, String aggregate, long version) {
            Long before = versions.get(consumer + "/" + aggregate);
            if (before != null && before >= version) {
                return false;
            }
            versions.put(consumer + "/" + aggregate, version);
            return true;
        }

        @Override
        public boolean seen(String consumer, String aggregate) {
            return versions.containsKey(consumer + "/" + aggregate);
        }
    };

    private ConsumedEvents events(ProcessedEvents processed) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (processed != null) {
            beans.addBean("processed", processed);
            beans.addBean("applied", applied);
        }
        return new ConsumedEvents(
                beans.getBeanProvider(ProcessedEvents.class), beans.getBeanProvider(AppliedVersions.class), mapper);
    }

    @Test
    void aLateOlderChannelEventNeverUndoesANewerOneNorRevivesADeletedChannel() {
        Set<UUID> members = new HashSet<>();
        List<UUID> channels = new ArrayList<>();
        ChannelReplica replica = new ChannelReplica() {
            @Override
            public void channel(UUID channelId, UUID organizationId, String type, Instant at) {
                if (!channels.contains(channelId)) {
                    channels.add(channelId);
                }
            }

            @Override
            public void archived(UUID channelId, boolean archived) {}

            @Override
            public void deleted(UUID channelId) {
                channels.remove(channelId);
                members.clear();
            }

            @Override
            public void member(UUID channelId, UUID userId, String role, String permissionRole, Instant joinedAt) {
                members.add(userId);
            }

            @Override
            public void memberRemoved(UUID channelId, UUID userId) {
                members.remove(userId);
            }

            @Override
            public void permissions(UUID channelId, Map<String, List<String>> roles) {}
        };
        EventHandlers handlers = ChannelReplica.follow(events(processed).consumer("test.channels"), replica)
                .build();
        UUID channel = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant now = Instant.now();
        EventEnvelope added = envelope(
                        ChannelMemberAdded.TYPE, new ChannelMemberAdded(channel, org, user, "member", "member", now))
                .withSubjectVersion(2);
        EventEnvelope removed = envelope(
                        ChannelMemberRemoved.TYPE, new ChannelMemberRemoved(channel, org, user, "removed", now))
                .withSubjectVersion(3);

        handlers.handle(removed);
        assertThat(handlers.handle(added))
                .as("delivered for the first time, late")
                .isTrue();
        assertThat(members).as("the removal, newer, stands").isEmpty();

        handlers.handle(
                envelope(ChannelMemberAdded.TYPE, new ChannelMemberAdded(channel, org, user, "member", "member", now))
                        .withSubjectVersion(4));
        handlers.handle(
                envelope(ChannelMemberAdded.TYPE, new ChannelMemberAdded(channel, org, other, "member", "member", now))
                        .withSubjectVersion(1));
        assertThat(members)
                .as("added again later; and another membership's older event is not older for this one")
                .containsExactlyInAnyOrder(user, other);

        handlers.handle(envelope(ChannelDeleted.TYPE, new ChannelDeleted(channel, org, now))
                .withSubjectVersion(6));
        handlers.handle(envelope(
                        ChannelMemberAdded.TYPE,
                        new ChannelMemberAdded(channel, org, UUID.randomUUID(), "member", "member", now))
                .withSubjectVersion(5));
        assertThat(channels).as("no late event brings a deleted channel back").isEmpty();
        assertThat(members).isEmpty();
    }

    @Test
    void aLateOlderOrganizationEventNeverRestoresAMembershipNorADeletedOrganization() {
        Set<String> members = new HashSet<>();
        OrgMemberReplica replica = new OrgMemberReplica() {
            @Override
            public void memberAdded(UUID organizationId, UUID userId, String role) {
                members.add(organizationId + "/" + userId);
            }

            @Override
            public void memberRemoved(UUID organizationId, UUID userId) {
                members.remove(organizationId + "/" + userId);
            }

            @Override
            public void organizationDeleted(UUID organizationId) {
                members.removeIf(m -> m.startsWith(organizationId + "/"));
            }
        };
        EventHandlers handlers = OrgMemberReplica.follow(events(processed).consumer("test.orgs"), replica)
                .build();
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();

        handlers.handle(envelope(OrgMemberRemoved.TYPE, new OrgMemberRemoved(org, user, "member", now))
                .withSubjectVersion(3));
        assertThat(handlers.handle(envelope(OrgMemberAdded.TYPE, new OrgMemberAdded(org, user, "member", now))
                        .withSubjectVersion(2)))
                .as("delivered for the first time, late")
                .isTrue();
        assertThat(members).as("the removal, newer, stands").isEmpty();

        handlers.handle(envelope(OrgMemberAdded.TYPE, new OrgMemberAdded(org, user, "admin", now))
                .withSubjectVersion(4));
        assertThat(members).as("added again later").containsExactly(org + "/" + user);

        handlers.handle(envelope(OrgDeleted.TYPE, new OrgDeleted(org, now)).withSubjectVersion(6));
        handlers.handle(envelope(OrgMemberAdded.TYPE, new OrgMemberAdded(org, UUID.randomUUID(), "member", now))
                .withSubjectVersion(5));
        assertThat(members)
                .as("no late event brings a member of a deleted organization back")
                .isEmpty();
    }

    @Test
    void aRedeliveredEventTakesEffectOnce() {
        List<UUID> deleted = new ArrayList<>();
        EventHandlers handlers = events(processed)
                .consumer("test.users")
                .once(UserDeleted.TYPE, d -> deleted.add(d.userId()))
                .build();
        UUID user = UUID.randomUUID();
        EventEnvelope event = envelope(UserDeleted.TYPE, new UserDeleted(user, Instant.now()));

        assertThat(handlers.handle(event)).isTrue();
        assertThat(handlers.handle(event)).isFalse();
        assertThat(deleted).containsExactly(user);
    }

    @Test
    void anIdempotentHandlerRunsAtEveryDeliveryAndRecordsNothing() {
        List<UUID> seen = new ArrayList<>();
        EventHandlers handlers = events(null)
                .consumer("test.users")
                .always(UserDeleted.TYPE, d -> seen.add(d.userId()))
                .build();
        EventEnvelope event = envelope(UserDeleted.TYPE, new UserDeleted(UUID.randomUUID(), Instant.now()));

        handlers.handle(event);
        handlers.handle(event);
        assertThat(seen).hasSize(2);
        assertThat(recorded).isEmpty();
    }

    @Test
    void eventsTheConditionRefusesAreNeitherAppliedNorRecorded() {
        List<UUID> attached = new ArrayList<>();
        EventHandlers handlers = events(processed)
                .consumer("test.messages")
                .once(MessageSent.TYPE, sent -> !sent.attachments().isEmpty(), sent -> attached.add(sent.messageId()))
                .build();

        assertThat(handlers.handle(envelope(MessageSent.TYPE, message(List.of()))))
                .isFalse();
        assertThat(recorded).isEmpty();
        MessageSent withFile = message(List.of(UUID.randomUUID()));
        assertThat(handlers.handle(envelope(MessageSent.TYPE, withFile))).isTrue();
        assertThat(attached).containsExactly(withFile.messageId());
    }

    @Test
    void typesWithoutAHandlerAreSkipped() {
        EventHandlers handlers = events(processed)
                .consumer("test.users")
                .once(UserDeleted.TYPE, d -> {})
                .build();
        assertThat(handlers.handle(envelope(MessageSent.TYPE, message(List.of()))))
                .isFalse();
        assertThat(recorded).isEmpty();
    }

    @Test
    void onceNeedsTheProcessedEventsOfADatabase() {
        assertThatThrownBy(() -> events(null).consumer("gateway.users").once(UserDeleted.TYPE, d -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a database");
    }

    private static MessageSent message(List<UUID> attachments) {
        return new MessageSent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "channel",
                UUID.randomUUID(),
                1,
                UUID.randomUUID(),
                "hi",
                null,
                0,
                attachments,
                List.of(),
                List.of(),
                null,
                Instant.now());
    }

    @Test
    void anEventFromAnotherThanItsProducerIsNeitherAppliedNorRecorded() {
        List<UUID> deleted = new ArrayList<>();
        EventHandlers handlers = events(processed)
                .consumer("test.users")
                .once(UserDeleted.TYPE, d -> deleted.add(d.userId()))
                .build();
        EventEnvelope genuine = envelope(UserDeleted.TYPE, new UserDeleted(UUID.randomUUID(), Instant.now()));
        EventEnvelope forged = new EventEnvelope(
                genuine.specversion(),
                genuine.id(),
                genuine.type(),
                "plexichat/messaging-service",
                genuine.time(),
                genuine.subject(),
                genuine.datacontenttype(),
                null,
                null,
                null,
                null,
                null,
                genuine.data(),
                genuine.subjectversion());
        assertThatThrownBy(() -> handlers.handle(forged)).isInstanceOf(ForgedEventException.class);
        assertThat(deleted).isEmpty();
        assertThat(handlers.handle(genuine))
                .as("not recorded as processed by the refusal")
                .isTrue();
        assertThat(deleted).hasSize(1);
    }

    private EventEnvelope envelope(EventType<?> type, Object data) {
        return new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                UUID.randomUUID().toString(),
                type.name(),
                EventType.SOURCE_PREFIX + type.producers().iterator().next(),
                Instant.now().toString(),
                null,
                "application/json",
                null,
                null,
                null,
                null,
                null,
                mapper.valueToTree(data),
                null);
    }
}
