package com.plexichat.call.room;

import java.time.Instant;
import java.util.UUID;

/** A participant as clients see it (never the session id of somebody else). */
public record ParticipantResponse(
        UUID userId,
        Instant joinedAt,
        Instant leftAt,
        boolean muted,
        boolean video,
        boolean screenSharing,
        boolean handRaised) {

    public static ParticipantResponse of(Participants.Participant p) {
        return new ParticipantResponse(
                p.userId(), p.joinedAt(), p.leftAt(), p.muted(), p.video(), p.screenSharing(), p.handRaised());
    }
}
