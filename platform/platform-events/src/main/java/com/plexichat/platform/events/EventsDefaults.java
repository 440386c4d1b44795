package com.plexichat.platform.events;

import com.plexichat.platform.api.DefaultProperties;

/**
 * Producer and consumer defaults (idempotent producer, acks=all, bounded blocking when Kafka is
 * down, outbox republication on restart), overridable by a service or config-repo.
 */
class EventsDefaults extends DefaultProperties {

    EventsDefaults() {
        super("plexichatEventsDefaults", "plexichat-events-defaults.properties");
    }
}
