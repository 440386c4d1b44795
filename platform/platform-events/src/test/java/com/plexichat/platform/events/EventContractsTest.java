package com.plexichat.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plexichat.platform.events.admin.ApiKeyRevoked;
import com.plexichat.platform.events.admin.SettingsChanged;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.events.auth.TwoFactorChanged;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.channel.ChannelPermissionsUpdated;
import com.plexichat.platform.events.channel.ChannelUpdated;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileShared;
import com.plexichat.platform.events.file.FileSharesRevoked;
import com.plexichat.platform.events.file.FileThumbnailReady;
import com.plexichat.platform.events.file.FileUploaded;
import com.plexichat.platform.events.message.ConversationRead;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.events.message.MessageDeleted;
import com.plexichat.platform.events.message.MessageEdited;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.message.ReactionAdded;
import com.plexichat.platform.events.message.ReactionRemoved;
import com.plexichat.platform.events.message.TypingStarted;
import com.plexichat.platform.events.org.OrgCreated;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import com.plexichat.platform.events.org.OrgUpdated;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import com.plexichat.platform.events.user.PresenceChanged;
import com.plexichat.platform.events.user.UserDeletionRequested;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class EventContractsTest {

    private static final JsonMapper API_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** Equal JSON, numbers by value: 42 read from an example is an int, a record's long field writes a long. */
    private static final java.util.Comparator<tools.jackson.databind.JsonNode> SAME_VALUE = (a, b) ->
            a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

    @Test
    void everyExampleIsAValidEnvelopeOfItsTypeWithEveryFieldSet() {
        for (EventType<?> type : List.of(
                SessionRevoked.TYPE,
                ApiKeyRevoked.TYPE,
                SettingsChanged.TYPE,
                UserRegistered.TYPE,
                UserDeleted.TYPE,
                PresenceChanged.TYPE,
                UserDeletionRequested.TYPE,
                OrgCreated.TYPE,
                OrgUpdated.TYPE,
                OrgDeleted.TYPE,
                OrgMemberAdded.TYPE,
                OrgMemberRemoved.TYPE,
                ChannelCreated.TYPE,
                ChannelUpdated.TYPE,
                ChannelArchived.TYPE,
                ChannelDeleted.TYPE,
                ChannelMemberAdded.TYPE,
                ChannelMemberRemoved.TYPE,
                ChannelPermissionsUpdated.TYPE,
                MessageSent.TYPE,
                MessageEdited.TYPE,
                MessageDeleted.TYPE,
                ReactionAdded.TYPE,
                ReactionRemoved.TYPE,
                DmCreated.TYPE,
                ConversationRead.TYPE,
                TypingStarted.TYPE,
                ConnectionOpened.TYPE,
                ConnectionClosed.TYPE,
                FileUploaded.TYPE,
                FileDeleted.TYPE,
                FileThumbnailReady.TYPE,
                FileShared.TYPE,
                FileSharesRevoked.TYPE,
                TwoFactorChanged.TYPE,
                com.plexichat.platform.events.call.CallStarted.TYPE,
                com.plexichat.platform.events.call.CallEnded.TYPE,
                com.plexichat.platform.events.call.CallParticipantJoined.TYPE,
                com.plexichat.platform.events.call.CallParticipantLeft.TYPE,
                com.plexichat.platform.events.call.VoiceJoined.TYPE,
                com.plexichat.platform.events.call.VoiceLeft.TYPE)) {
            EventEnvelope example = EventExamples.envelope(type);
            assertThat(example.is(type)).as(type.name()).isTrue();
            assertThat(example.id()).isNotBlank();
            Object data = example.dataAs(type, API_JSON);
            assertThat(data).as(type.name()).hasNoNullFieldsOrProperties();
            // Written back in API naming, the data reads the same as the example.
            tools.jackson.databind.JsonNode written = API_JSON.valueToTree(data);
            assertThat(written.equals(SAME_VALUE, example.data()))
                    .as(type.name() + ": " + written + " vs " + example.data())
                    .isTrue();
        }
    }

    @Test
    void aConsumerWhoseMapperRefusesUnknownFieldsStillReadsAGrownContract() {
        JsonMapper strict = API_JSON.rebuild()
                .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        EventEnvelope example = EventExamples.envelope(UserDeleted.TYPE);
        tools.jackson.databind.node.ObjectNode grown =
                ((tools.jackson.databind.node.ObjectNode) example.data()).put("reason", "added later");
        EventEnvelope envelope = new EventEnvelope(
                example.specversion(),
                example.id(),
                example.type(),
                example.source(),
                example.time(),
                example.subject(),
                example.datacontenttype(),
                example.requestid(),
                example.clientip(),
                example.useragent(),
                example.apikeyid(),
                example.actorid(),
                grown);
        assertThat(envelope.dataAs(UserDeleted.TYPE, strict).userId()).isNotNull();
    }

    @Test
    void typeNamesAreFamilyDotPastTenseVerb() {
        assertThat(new EventType<>("api-key.revoked", Topics.ADMIN, Object.class).name())
                .isEqualTo("api-key.revoked");
        assertThatThrownBy(() -> new EventType<>("ApiKeyRevoked", Topics.ADMIN, Object.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventType<>("-key.revoked", Topics.ADMIN, Object.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
