package com.plexichat.platform.events.call;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

public record CallParticipantJoined(UUID callId, UUID conversationId, UUID userId, Instant joinedAt) {

    public static final EventType<CallParticipantJoined> TYPE = new EventType<>(
            "call.participant-joined", Topics.CALLS, CallParticipantJoined.class, Set.of("call-service"));
}
