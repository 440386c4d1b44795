package com.plexichat.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON example of each event contract ({@code events/<type>.json} in this library): the
 * producer's tests check that what they publish reads like it, the consumers' tests feed it in.
 */
public final class EventExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventExamples() {}

    public static EventEnvelope envelope(EventType<?> type) {
        String resource = "events/" + type.name() + ".json";
        try (InputStream in = EventExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No example for " + type.name() + " at " + resource);
            }
            return JSON.readValue(in, EventEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
