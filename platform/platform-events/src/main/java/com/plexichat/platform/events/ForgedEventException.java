package com.plexichat.platform.events;

/**
 * An event whose {@code source} is not a producer of its type: a service writing another's events (a compromised
 * or misconfigured producer). It is never applied, never retried, and goes to the topic's {@code .DLT}, where the
 * dead-letter metric shows it.
 */
public class ForgedEventException extends RuntimeException {

    public ForgedEventException(EventEnvelope event, EventType<?> type) {
        super("Refused " + type.name() + " " + event.id() + " from " + event.source() + ": only "
                + String.join(", ", type.producers().stream().sorted().toList()) + " produce it");
    }
}
