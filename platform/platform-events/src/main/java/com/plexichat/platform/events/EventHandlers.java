package com.plexichat.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one consumer does with each event type it follows: the skeleton every listener shared (the type check, the
 * first-delivery record, the typed data), written once. A listener builds its handlers once, from
 * {@link ConsumedEvents}:
 *
 * <pre>{@code
 * handlers = events.consumer("messaging-service.users")
 *         .once(UserRegistered.TYPE, registered -> users.registered(registered.userId(), registered.username()))
 *         .always(PresenceChanged.TYPE, presence -> users.lastActive(presence.userId(), presence.lastActiveAt()))
 *         .build();
 * }</pre>
 *
 * and hands every record to {@link #handle} inside its {@code @KafkaListener} method's transaction. Types it has no
 * handler for are skipped.
 */
public final class EventHandlers {

    private record Handler<T>(EventType<T> type, boolean once, Predicate<T> when, Consumer<T> action) {

        /** @return whether it applied */
        boolean apply(EventEnvelope event, String consumer, ProcessedEvents processed, JsonMapper mapper) {
            T data = event.dataAs(type, mapper);
            if (!when.test(data) || (once && !processed.firstDelivery(consumer, event))) {
                return false;
            }
            action.accept(data);
            return true;
        }
    }

    private final String consumer;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;
    private final Map<String, Handler<?>> byType;

    private EventHandlers(
            String consumer, ProcessedEvents processed, JsonMapper mapper, Map<String, Handler<?>> byType) {
        this.consumer = consumer;
        this.processed = processed;
        this.mapper = mapper;
        this.byType = Map.copyOf(byType);
    }

    /**
     * Applies the event if this consumer follows its type, and, for a {@code once} type, has not applied it before.
     *
     * @return whether it was applied
     */
    public boolean handle(EventEnvelope event) {
        // An immutable map refuses a null key: a record without a type is simply not followed.
        Handler<?> handler = event.type() == null ? null : byType.get(event.type());
        return handler != null && handler.apply(event, consumer, processed, mapper);
    }

    public String consumer() {
        return consumer;
    }

    public static final class Builder {

        private final String consumer;
        private final ProcessedEvents processed;
        private final JsonMapper mapper;
        private final Map<String, Handler<?>> byType = new LinkedHashMap<>();

        Builder(String consumer, ProcessedEvents processed, JsonMapper mapper) {
            this.consumer = consumer;
            this.processed = processed;
            this.mapper = mapper;
        }

        /** Applied once per event id, recorded in the same transaction ({@link ProcessedEvents}). */
        public <T> Builder once(EventType<T> type, Consumer<T> action) {
            return once(type, data -> true, action);
        }

        /** Applied once per event id for the events {@code when} accepts; the others are neither applied nor recorded. */
        public <T> Builder once(EventType<T> type, Predicate<T> when, Consumer<T> action) {
            if (processed == null) {
                throw new IllegalStateException(
                        consumer + ": applying " + type.name() + " once needs a database (ProcessedEvents)");
            }
            return add(new Handler<>(type, true, when, action));
        }

        /** Applied at every delivery: for effects that are idempotent by themselves (the latest time wins). */
        public <T> Builder always(EventType<T> type, Consumer<T> action) {
            return add(new Handler<>(type, false, data -> true, action));
        }

        private Builder add(Handler<?> handler) {
            if (byType.putIfAbsent(handler.type().name(), handler) != null) {
                throw new IllegalStateException(
                        consumer + " handles " + handler.type().name() + " twice");
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(consumer, processed, mapper, byType);
        }
    }
}
