package com.plexichat.platform.events;

/**
 * The application event stored in the outbox (Spring Modulith's publication registry) in the
 * business transaction; after commit it is externalized to {@code topic}, keyed by the envelope's
 * subject, and only the envelope is sent.
 */
public record OutboxEvent(String topic, EventEnvelope envelope) {}
