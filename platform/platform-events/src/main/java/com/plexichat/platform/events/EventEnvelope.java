package com.plexichat.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.plexichat.platform.api.RequestClients;
import com.plexichat.platform.api.RequestIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What travels on Kafka: CloudEvents attribute names ({@code specversion, id, type, source, time,
 * subject, datacontenttype, data}) plus the extensions {@code requestid}, which ties an event to the HTTP request
 * that caused it, and {@code actorid} (the signed-in user), {@code apikeyid}, {@code clientip} and {@code useragent}: who sent that request (for the audit log; absent when
 * no request caused the event), and on {@link Topics#versioned versioned topics} {@code subjectversion}: the version
 * the subject (the aggregate) reached with this event, 1, 2, 3... in commit order. {@code data} is already a JSON tree in API naming (snake_case), so
 * the envelope reads the same whether it is sent at once or replayed from the outbox later.
 * Consumers ignore attributes and types they do not know, and refuse an event whose {@code source} is not one
 * of its type's producers ({@link EventType#producers}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        String specversion,
        String id,
        String type,
        String source,
        String time,
        String subject,
        String datacontenttype,
        String requestid,
        String clientip,
        String useragent,
        String apikeyid,
        String actorid,
        JsonNode data,
        Long subjectversion) {

    public static final String SPEC_VERSION = "1.0";

    /**
     * A new envelope for this type's data, now, carrying the current request's id and client (the outbox's and the
     * ephemeral events' alike).
     */
    public static EventEnvelope of(EventType<?> type, String source, String subject, JsonNode data) {
        return new EventEnvelope(
                SPEC_VERSION,
                UUID.randomUUID().toString(),
                type.name(),
                source,
                Instant.now().truncatedTo(ChronoUnit.MICROS).toString(),
                subject,
                "application/json",
                RequestIds.current(),
                RequestClients.ip(),
                RequestClients.userAgent(),
                RequestClients.apiKeyId(),
                RequestClients.actorId(),
                data,
                null);
    }

    /** This envelope with its subject's version. */
    public EventEnvelope withSubjectVersion(long version) {
        return new EventEnvelope(
                specversion,
                id,
                type,
                source,
                time,
                subject,
                datacontenttype,
                requestid,
                clientip,
                useragent,
                apikeyid,
                actorid,
                data,
                version);
    }

    /**
     * Whether it comes from a producer of its type (always, for a type this platform has no contract for): for
     * consumers that pass the data on without {@link #dataAs}, such as the socket fan-out.
     */
    public boolean fromItsProducer() {
        return EventTypes.named(type).map(t -> t.producedBy(source)).orElse(true);
    }

    public boolean is(EventType<?> eventType) {
        return eventType.name().equals(type);
    }

    /**
     * The data as the contract's record; unknown fields are ignored even when the service's mapper refuses
     * them in requests (contracts grow by adding fields, and an older consumer must keep working).
     */
    public <T> T dataAs(EventType<T> eventType, JsonMapper mapper) {
        if (!eventType.producedBy(source)) {
            throw new ForgedEventException(this, eventType);
        }
        return mapper.readerFor(eventType.dataType())
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(data);
    }
}
