package com.plexichat.call.signaling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The signaling sockets this replica holds, by room and user (one socket per stay). */
@Component
class LocalSockets {

    private final Map<UUID, Map<UUID, SignalSocket>> rooms = new ConcurrentHashMap<>();

    /** The socket it replaces (the same user's older socket in this room), if any. */
    Optional<SignalSocket> add(SignalSocket socket) {
        return Optional.ofNullable(rooms.computeIfAbsent(socket.roomId(), r -> new ConcurrentHashMap<>())
                .put(socket.userId(), socket));
    }

    /** False when a newer socket of the same user took its place. */
    boolean remove(SignalSocket socket) {
        Map<UUID, SignalSocket> room = rooms.get(socket.roomId());
        if (room == null) {
            return false;
        }
        boolean removed = room.remove(socket.userId(), socket);
        rooms.computeIfPresent(socket.roomId(), (id, sockets) -> sockets.isEmpty() ? null : sockets);
        return removed;
    }

    Optional<SignalSocket> of(UUID roomId, UUID userId) {
        Map<UUID, SignalSocket> room = rooms.get(roomId);
        return room == null ? Optional.empty() : Optional.ofNullable(room.get(userId));
    }

    Collection<SignalSocket> in(UUID roomId) {
        Map<UUID, SignalSocket> room = rooms.get(roomId);
        return room == null ? List.of() : List.copyOf(room.values());
    }

    List<SignalSocket> all() {
        return rooms.values().stream().flatMap(r -> r.values().stream()).toList();
    }
}
