package com.plexichat.messaging.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The sockets connected to this replica, by user. */
@Component
class Sessions {

    private final Map<UUID, Set<Socket>> byUser = new ConcurrentHashMap<>();

    /** @return true when this is the user's first socket here */
    boolean add(Socket socket) {
        boolean[] first = {false};
        byUser.compute(socket.userId(), (user, sockets) -> {
            Set<Socket> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            first[0] = set.isEmpty();
            set.add(socket);
            return set;
        });
        return first[0];
    }

    /** @return true when it was the user's last socket here */
    boolean remove(Socket socket) {
        boolean[] last = {false};
        byUser.computeIfPresent(socket.userId(), (user, sockets) -> {
            sockets.remove(socket);
            last[0] = sockets.isEmpty();
            return sockets.isEmpty() ? null : sockets;
        });
        return last[0];
    }

    Collection<Socket> of(UUID userId) {
        Set<Socket> sockets = byUser.get(userId);
        return sockets == null ? List.of() : sockets;
    }

    boolean isEmpty() {
        return byUser.isEmpty();
    }

    Set<UUID> users() {
        return byUser.keySet();
    }

    int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
