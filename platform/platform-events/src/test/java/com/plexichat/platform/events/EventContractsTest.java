package com.plexichat.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.test.EventInjector;
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
        for (EventType<?> type : EventTypes.ALL) {
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
        EventEnvelope envelope = rebuilt(example, example.source(), grown);
        assertThat(envelope.dataAs(UserDeleted.TYPE, strict).userId()).isNotNull();
    }

    @Test
    void everyContractNamesItsProducersAndItsExampleComesFromOne() {
        assertThat(EventTypes.ALL).hasSize(44);
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(type.producers()).as(type.name()).isNotEmpty();
            assertThat(type.producedBy(EventExamples.envelope(type).source()))
                    .as(type.name() + " example from "
                            + EventExamples.envelope(type).source())
                    .isTrue();
            assertThat(type.producedBy(EventInjector.sourceOf(type.name(), null)))
                    .as("the test injector sends " + type.name() + " as one of its producers")
                    .isTrue();
        }
    }

    @Test
    void anEventFromAServiceThatDoesNotProduceItsTypeIsRefused() {
        EventEnvelope example = EventExamples.envelope(UserDeletionRequested.TYPE);
        for (String forged : new String[] {"plexichat/messaging-service", "plexichat/tests", "auth-service", null}) {
            EventEnvelope envelope = rebuilt(example, forged, example.data());
            assertThat(envelope.fromItsProducer()).as(forged).isFalse();
            assertThatThrownBy(() -> envelope.dataAs(UserDeletionRequested.TYPE, API_JSON))
                    .as(forged)
                    .isInstanceOf(ForgedEventException.class)
                    .hasMessageContaining("admin-service, user-service");
        }
        assertThat(example.dataAs(UserDeletionRequested.TYPE, API_JSON)).isNotNull();
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

    private static EventEnvelope rebuilt(EventEnvelope example, String source, tools.jackson.databind.JsonNode data) {
        return new EventEnvelope(
                example.specversion(),
                example.id(),
                example.type(),
                source,
                example.time(),
                example.subject(),
                example.datacontenttype(),
                example.requestid(),
                example.clientip(),
                example.useragent(),
                example.apikeyid(),
                example.actorid(),
                data,
                null);
    }
}
