package com.plexichat.call.room;

import com.plexichat.call.CallProperties;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in a room (a voice channel, or a call) with their media state; one stay per user at a time, at most
 * {@code max-participants} at once. Runs in the caller's transaction, so a join and its event commit together.
 */
@Service
public class Participants {

    public static final String VOICE = "voice";
    public static final String CALL = "call";

    /** @param sessionId names this stay (and its signaling socket); @param leftAt null while present */
    public record Participant(
            UUID sessionId,
            UUID roomId,
            String roomKind,
            UUID userId,
            Instant joinedAt,
            Instant leftAt,
            boolean muted,
            boolean video,
            boolean screenSharing,
            boolean handRaised) {}

    /** @param joined false when the user was in the room already (their stay goes on) */
    public record Joined(Participant participant, boolean joined) {}

    private final ParticipantRepository participants;
    private final CallProperties properties;

    Participants(ParticipantRepository participants, CallProperties properties) {
        this.participants = participants;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Joined join(UUID roomId, String roomKind, UUID userId, Instant now) {
        participants.lock(roomId);
        Optional<Participant> already = participants.present(roomId, userId);
        if (already.isPresent()) {
            return new Joined(already.get(), false);
        }
        if (participants.present(roomId).size() >= properties.maxParticipants()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "At most " + properties.maxParticipants() + " participants at once",
                    Map.of("reason", "room_full", "max_participants", properties.maxParticipants()));
        }
        Participant joined =
                new Participant(UUID.randomUUID(), roomId, roomKind, userId, now, null, false, false, false, false);
        participants.insert(joined);
        return new Joined(joined, true);
    }

    /** Empty when the user was not in the room. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Participant> leave(UUID roomId, UUID userId, Instant now) {
        participants.lock(roomId);
        Optional<Participant> present = participants.present(roomId, userId);
        present.ifPresent(p -> participants.leave(p.sessionId(), now));
        return present;
    }

    /** Media state a participant changes from its signaling socket. */
    public enum Media {
        MUTED("muted"),
        VIDEO("video"),
        SCREEN_SHARING("screen_sharing"),
        HAND_RAISED("hand_raised");

        private final String column;

        Media(String column) {
            this.column = column;
        }
    }

    /** The user's stay in the room, if they are in it. */
    @Transactional(readOnly = true)
    public Optional<Participant> in(UUID roomId, UUID userId) {
        return participants.present(roomId, userId);
    }

    /** A stay by its session id, while it lasts. */
    @Transactional(readOnly = true)
    public Optional<Participant> stay(UUID sessionId) {
        return participants.bySession(sessionId);
    }

    @Transactional
    public Optional<Participant> media(UUID sessionId, Media media, boolean value) {
        participants.media(sessionId, media.column, value);
        return participants.bySession(sessionId);
    }

    /** The sockets of these stays are alive (their heartbeat). */
    @Transactional
    public void seen(List<UUID> sessionIds, Instant at) {
        if (!sessionIds.isEmpty()) {
            participants.seen(sessionIds.toArray(UUID[]::new), at);
        }
    }

    /** Stays whose socket went silent before {@code before} (any replica's), locked for the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Participant> silentSince(Instant before) {
        return participants.silentSince(before, 100);
    }

    @Transactional(readOnly = true)
    public List<Participant> present(UUID roomId) {
        return participants.present(roomId);
    }

    /** Current and past stays, oldest first. */
    @Transactional(readOnly = true)
    public List<Participant> all(UUID roomId) {
        return participants.all(roomId);
    }

    @Transactional(readOnly = true)
    public boolean anyoneBesides(UUID roomId, UUID userId) {
        return participants.everJoinedBesides(roomId, userId);
    }
}
