package com.plexichat.call.voice;

import com.plexichat.call.ice.IceServers.IceServer;
import com.plexichat.call.room.ParticipantResponse;
import java.util.List;
import java.util.UUID;

final class VoiceRecords {

    private VoiceRecords() {}

    /** @param sessionId the caller's stay: what its signaling socket names it by */
    record VoiceJoinResponse(
            UUID channelId, UUID sessionId, ParticipantResponse participant, List<IceServer> iceServers) {}
}
