package com.plexichat.platform.events.call;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A call is over: {@code status} {@code ended} (the last one left), {@code missed} (nobody answered) or {@code declined}. */
public record CallEnded(UUID callId, UUID conversationId, String conversationType, String status, Instant endedAt) {

    public static final EventType<CallEnded> TYPE =
            new EventType<>("call.ended", Topics.CALLS, CallEnded.class, Set.of("call-service"));
}
