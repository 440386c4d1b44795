package com.plexichat.call.call;

import com.plexichat.call.ice.IceServers.IceServer;
import com.plexichat.call.room.ParticipantResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class CallRecords {

    private CallRecords() {}

    /** {@code POST /v1/calls}: exactly one of {@code channel_id} and {@code conversation_id}. */
    record StartCall(UUID channelId, UUID conversationId, String type) {}

    /**
     * A call: {@code channel_id} for a channel's, {@code conversation_id} for a DM's. {@code participants} are in it
     * now, {@code past_participants} were (one entry per stay).
     */
    record CallResponse(
            UUID id,
            UUID channelId,
            UUID conversationId,
            String type,
            String status,
            UUID startedBy,
            Instant startedAt,
            Instant endedAt,
            List<ParticipantResponse> participants,
            List<ParticipantResponse> pastParticipants) {}

    /** Starting or joining: the call, and the caller's stay in it. */
    record CallJoinResponse(CallResponse call, UUID sessionId, List<IceServer> iceServers) {}
}
