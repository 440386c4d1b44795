package com.plexichat.platform.events;

import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.json.JsonMapper;

/** Where listeners get their {@link EventHandlers}; a bean in every process that consumes events. */
public class ConsumedEvents {

    private final ObjectProvider<ProcessedEvents> processed;
    private final ObjectProvider<AppliedVersions> versions;
    private final JsonMapper mapper;

    ConsumedEvents(
            ObjectProvider<ProcessedEvents> processed, ObjectProvider<AppliedVersions> versions, JsonMapper mapper) {
        this.processed = processed;
        this.versions = versions;
        this.mapper = mapper;
    }

    /** Handlers for the consumer (group) of this name, which is also the name its processed events are kept under. */
    public EventHandlers.Builder consumer(String name) {
        return new EventHandlers.Builder(name, processed.getIfAvailable(), versions.getIfAvailable(), mapper);
    }
}
