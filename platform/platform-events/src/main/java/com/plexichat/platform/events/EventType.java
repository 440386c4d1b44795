package com.plexichat.platform.events;

/**
 * An event contract: the explicit type string ({@code <family>.<past-tense-verb>}, never derived
 * from a class name), the topic it travels on and the record carrying its data. Contracts declare
 * one as a constant, e.g. {@code UserRegistered.TYPE}.
 */
public record EventType<T>(String name, String topic, Class<T> dataType) {

    public EventType {
        if (!name.matches("[a-z][a-z-]*\\.[a-z][a-z-]*(\\.v[0-9]+)?")) {
            throw new IllegalArgumentException("Event type must look like family.verb-ed: " + name);
        }
    }
}
