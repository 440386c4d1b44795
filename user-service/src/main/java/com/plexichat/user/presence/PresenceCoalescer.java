package com.plexichat.user.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one {@code user.presence-changed} a second per user: a change inside the second after the
 * last event is held back and the user's latest state published when the second is over. (Per
 * replica: two replicas may each publish once in the same second.)
 */
final class PresenceCoalescer {

    static final Duration WINDOW = Duration.ofSeconds(1);

    private final Map<UUID, Instant> lastPublished = new ConcurrentHashMap<>();
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    /** True when the change may be published now (and is counted as published). */
    synchronized boolean tryPublish(UUID userId, Instant now) {
        Instant last = lastPublished.get(userId);
        if (last != null && now.isBefore(last.plus(WINDOW))) {
            pending.add(userId);
            return false;
        }
        lastPublished.put(userId, now);
        pending.remove(userId);
        return true;
    }

    /** The held-back users whose second is over; they count as published now. */
    synchronized Set<UUID> due(Instant now) {
        Set<UUID> due = ConcurrentHashMap.newKeySet();
        for (UUID userId : pending) {
            Instant last = lastPublished.get(userId);
            if (last == null || !now.isBefore(last.plus(WINDOW))) {
                due.add(userId);
                lastPublished.put(userId, now);
            }
        }
        pending.removeAll(due);
        // forget users quiet for a while, so the map does not grow with every user ever seen
        lastPublished.values().removeIf(at -> at.isBefore(now.minus(Duration.ofMinutes(1))));
        return due;
    }
}
