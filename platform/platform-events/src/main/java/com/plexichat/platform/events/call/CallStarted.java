package com.plexichat.platform.events.call;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A call began in a channel or a DM. {@code status} is {@code ringing} in a DM (its other participants, {@code
 * ringing}, are rung until one joins or it times out) and {@code active} in a channel.
 */
public record CallStarted(
        UUID callId,
        UUID conversationId,
        String conversationType,
        String type,
        String status,
        UUID startedBy,
        List<UUID> ringing,
        Instant startedAt) {

    public static final EventType<CallStarted> TYPE =
            new EventType<>("call.started", Topics.CALLS, CallStarted.class, Set.of("call-service"));
}
