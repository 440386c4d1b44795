package com.plexichat.call.signaling;

import com.plexichat.call.CallProperties;
import com.plexichat.call.call.CallService;
import com.plexichat.call.room.Participants;
import com.plexichat.call.voice.VoiceService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Heartbeats, twice over. Each replica closes its own sockets that sent nothing for {@code heartbeat-timeout} (a
 * client that vanished without a close frame), which makes them leave; and it writes {@code last_seen_at} for the
 * live ones, so that when a replica dies, any other ends its sockets' stays once they fall silent in the database.
 */
@Component
class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final LocalSockets sockets;
    private final Participants participants;
    private final VoiceService voice;
    private final CallService calls;
    private final CallProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Heartbeats(
            LocalSockets sockets,
            Participants participants,
            VoiceService voice,
            CallService calls,
            CallProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.sockets = sockets;
        this.participants = participants;
        this.voice = voice;
        this.calls = calls;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void check() {
        long timeout = properties.heartbeatTimeout().toNanos();
        List<UUID> alive = new ArrayList<>();
        for (SignalSocket socket : sockets.all()) {
            if (socket.silentNanos() > timeout) {
                socket.timeOut();
            } else {
                alive.add(socket.sessionId());
            }
        }
        try {
            participants.seen(alive, clock.instant());
            sweepSilentStays();
        } catch (RuntimeException e) {
            log.warn("Heartbeat bookkeeping failed; the next round tries again", e);
        }
    }

    /** Stays whose socket (on whichever replica) has not been heard from in the database for the timeout. */
    private void sweepSilentStays() {
        Instant before = clock.instant().minus(properties.heartbeatTimeout()).minus(properties.heartbeatTimeout());
        transactions.executeWithoutResult(status -> {
            for (Participants.Participant stay : participants.silentSince(before)) {
                if (sockets.of(stay.roomId(), stay.userId()).isPresent()) {
                    continue; // ours and alive: the check above would have closed it
                }
                if (Participants.VOICE.equals(stay.roomKind())) {
                    voice.departed(stay.roomId(), stay.userId(), SignalingHandler.TIMED_OUT);
                } else {
                    calls.departed(stay.roomId(), stay.userId(), SignalingHandler.TIMED_OUT);
                }
            }
        });
    }
}
