package com.plexichat.platform.events.call;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** @param reason {@code left}, or {@code timed_out} when its signaling socket went silent */
public record VoiceLeft(UUID channelId, UUID organizationId, UUID userId, String reason, Instant leftAt) {

    public static final EventType<VoiceLeft> TYPE =
            new EventType<>("voice.left", Topics.CALLS, VoiceLeft.class, Set.of("call-service"));
}
