package com.plexichat.call.voice;

import com.plexichat.call.access.ConversationAccess;
import com.plexichat.call.access.ConversationAccess.ChannelAccess;
import com.plexichat.call.ice.IceServers;
import com.plexichat.call.room.ParticipantResponse;
import com.plexichat.call.room.Participants;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.call.VoiceJoined;
import com.plexichat.platform.events.call.VoiceLeft;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A voice channel is a room that is always there: members with {@code join_voice} join and leave it; anyone who
 * reads the channel sees who is in it. Not in archived channels; a channel that is not a voice channel has calls.
 */
@Service
public class VoiceService {

    private final ConversationAccess access;
    private final Participants participants;
    private final IceServers iceServers;
    private final EventPublisher events;
    private final Clock clock;

    VoiceService(
            ConversationAccess access,
            Participants participants,
            IceServers iceServers,
            EventPublisher events,
            Clock clock) {
        this.access = access;
        this.participants = participants;
        this.iceServers = iceServers;
        this.events = events;
        this.clock = clock;
    }

    record Joined(VoiceRecords.VoiceJoinResponse response, boolean created) {}

    @Transactional
    Joined join(UUID channelId, UUID userId) {
        ChannelAccess channel = readable(channelId, userId);
        if (!channel.voice()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Only voice channels have voice; start a call here instead (POST /v1/calls)",
                    Map.of("reason", "not_a_voice_channel"));
        }
        if (channel.archived()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION, "The channel is archived", Map.of("reason", "channel_archived"));
        }
        if (!channel.can(ConversationAccess.JOIN_VOICE)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Needs the permission " + ConversationAccess.JOIN_VOICE);
        }
        Instant now = now();
        Participants.Joined joined = participants.join(channelId, Participants.VOICE, userId, now);
        if (joined.joined()) {
            events.publish(
                    VoiceJoined.TYPE,
                    channelId.toString(),
                    new VoiceJoined(channelId, channel.organizationId(), userId, now));
        }
        return new Joined(
                new VoiceRecords.VoiceJoinResponse(
                        channelId,
                        joined.participant().sessionId(),
                        ParticipantResponse.of(joined.participant()),
                        iceServers.forUser(userId)),
                joined.joined());
    }

    @Transactional
    void leave(UUID channelId, UUID userId) {
        ChannelAccess channel = readable(channelId, userId);
        leave(channelId, channel.organizationId(), userId, "left");
    }

    /** The user's signaling socket closed or went silent ({@code reason}: {@code left}, {@code timed_out}). */
    @Transactional
    public void departed(UUID channelId, UUID userId, String reason) {
        UUID organization = access.channel(channelId, userId)
                .map(ChannelAccess::organizationId)
                .orElse(null);
        leave(channelId, organization, userId, reason);
    }

    private void leave(UUID channelId, UUID organizationId, UUID userId, String reason) {
        Instant now = now();
        participants
                .leave(channelId, userId, now)
                .ifPresent(left -> events.publish(
                        VoiceLeft.TYPE,
                        channelId.toString(),
                        new VoiceLeft(channelId, organizationId, userId, reason, now)));
    }

    List<ParticipantResponse> participants(UUID channelId, UUID userId) {
        readable(channelId, userId);
        return participants.present(channelId).stream()
                .map(ParticipantResponse::of)
                .toList();
    }

    private ChannelAccess readable(UUID channelId, UUID userId) {
        return access.channel(channelId, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Channel not found"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
