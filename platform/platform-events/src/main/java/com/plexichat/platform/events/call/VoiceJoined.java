package com.plexichat.platform.events.call;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

public record VoiceJoined(UUID channelId, UUID organizationId, UUID userId, Instant joinedAt) {

    public static final EventType<VoiceJoined> TYPE =
            new EventType<>("voice.joined", Topics.CALLS, VoiceJoined.class, Set.of("call-service"));
}
