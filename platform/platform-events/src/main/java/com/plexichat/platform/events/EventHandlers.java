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

    private record Handler<T>(EventType<T> type, boolean once, Predicate<T> when, VersionedAction<T> action) {

        /** @return whether it applied */
        boolean apply(
                EventEnvelope event, String consumer, ProcessedEvents processed, JsonMapper mapper, Versions versions) {
            T data = event.dataAs(type, mapper);
            if (!when.test(data) || (once && !processed.firstDelivery(consumer, event))) {
                return false;
            }
            action.accept(data, versions);
            return true;
        }
    }

    /** An action that decides, part by part, whether its event is newer than what was applied there. */
    @FunctionalInterface
    public interface VersionedAction<T> {
        void accept(T data, Versions versions);
    }

    /**
     * One event's view of the versions its consumer applied ({@link AppliedVersions}), by the parts of an aggregate
     * the event changes (named by the caller: a channel's attributes, one of its memberships...). An event without
     * {@link EventEnvelope#subjectversion} (from before versions) applies everywhere and records nothing.
     */
    public static final class Versions {

        private final String consumer;
        private final Long version;
        private final AppliedVersions applied;

        private Versions(String consumer, Long version, AppliedVersions applied) {
            this.consumer = consumer;
            this.version = version;
            this.applied = applied;
        }

        /** @return whether the event is newer than every one applied to this part (then it is recorded) */
        public boolean advance(String part) {
            return version == null || applied.advance(consumer, part, version);
        }

        /** Whether any event was applied to this part (a tombstone, say). */
        public boolean seen(String part) {
            return version != null && applied.seen(consumer, part);
        }
    }

    private final String consumer;
    private final ProcessedEvents processed;
    private final AppliedVersions applied;
    private final JsonMapper mapper;
    private final Map<String, Handler<?>> byType;

    private EventHandlers(
            String consumer,
            ProcessedEvents processed,
            AppliedVersions applied,
            JsonMapper mapper,
            Map<String, Handler<?>> byType) {
        this.consumer = consumer;
        this.processed = processed;
        this.applied = applied;
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
        return handler != null
                && handler.apply(
                        event, consumer, processed, mapper, new Versions(consumer, event.subjectversion(), applied));
    }

    public String consumer() {
        return consumer;
    }

    public static final class Builder {

        private final String consumer;
        private final ProcessedEvents processed;
        private final AppliedVersions applied;
        private final JsonMapper mapper;
        private final Map<String, Handler<?>> byType = new LinkedHashMap<>();

        Builder(String consumer, ProcessedEvents processed, AppliedVersions applied, JsonMapper mapper) {
            this.consumer = consumer;
            this.processed = processed;
            this.applied = applied;
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
            return add(new Handler<>(type, true, when, (data, versions) -> action.accept(data)));
        }

        /**
         * Applied once per event id, by an action that asks {@link Versions} whether the event is newer than what was
         * applied to each part it changes: for replicas that decide access, where a late, older event must not undo a
         * newer one.
         */
        public <T> Builder onceByVersion(EventType<T> type, VersionedAction<T> action) {
            if (processed == null || applied == null) {
                throw new IllegalStateException(consumer + ": applying " + type.name()
                        + " by version needs a database (ProcessedEvents, AppliedVersions)");
            }
            return add(new Handler<>(type, true, data -> true, action));
        }

        /** Applied at every delivery: for effects that are idempotent by themselves (the latest time wins). */
        public <T> Builder always(EventType<T> type, Consumer<T> action) {
            return add(new Handler<>(type, false, data -> true, (data, versions) -> action.accept(data)));
        }

        private Builder add(Handler<?> handler) {
            if (byType.putIfAbsent(handler.type().name(), handler) != null) {
                throw new IllegalStateException(
                        consumer + " handles " + handler.type().name() + " twice");
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(consumer, processed, applied, mapper, byType);
        }
    }
}
