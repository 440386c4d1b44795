package com.plexichat.platform.events;

import java.util.Set;

/**
 * An event contract: the explicit type string ({@code <family>.<past-tense-verb>}, never derived
 * from a class name), the topic it travels on, the record carrying its data, and the services that produce it.
 * Contracts declare one as a constant, e.g. {@code UserRegistered.TYPE}.
 *
 * @param producers the {@code spring.application.name}s whose events of this type are honoured: an envelope from
 *     any other {@code source} is forged or misrouted, and consumers refuse it ({@link EventEnvelope#dataAs}). Empty
 *     only for test types of the platform's own tests.
 */
public record EventType<T>(String name, String topic, Class<T> dataType, Set<String> producers) {

    /** How {@link EventPublisher} names the producing service in an envelope's {@code source}. */
    public static final String SOURCE_PREFIX = "plexichat/";

    public EventType {
        if (!name.matches("[a-z][a-z-]*\\.[a-z][a-z-]*(\\.v[0-9]+)?")) {
            throw new IllegalArgumentException("Event type must look like family.verb-ed: " + name);
        }
        producers = Set.copyOf(producers);
    }

    /** A type any process may produce: for the platform's own test types only. */
    public EventType(String name, String topic, Class<T> dataType) {
        this(name, topic, dataType, Set.of());
    }

    /** Whether an envelope with this {@code source} comes from one of the type's producers. */
    public boolean producedBy(String source) {
        return producers.isEmpty()
                || (source != null
                        && source.startsWith(SOURCE_PREFIX)
                        && producers.contains(source.substring(SOURCE_PREFIX.length())));
    }
}
