package com.plexichat.call.signaling;

import com.plexichat.call.CallProperties;
import com.plexichat.call.call.CallService;
import com.plexichat.call.room.ParticipantResponse;
import com.plexichat.call.room.Participants;
import com.plexichat.call.room.Participants.Media;
import com.plexichat.call.voice.VoiceService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The signaling protocol (docs/calls.md): {@code offer}, {@code answer} and {@code ice_candidate} go to the one
 * participant named in {@code to} (with {@code from} added), wherever its socket is; media state changes are stored
 * and told to the room as {@code participant_updated}; {@code ping} is answered with {@code pong}. Every frame counts
 * as a heartbeat. A closed socket leaves the room.
 */
class SignalingHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);

    static final String LEFT = "left";
    static final String TIMED_OUT = "timed_out";

    private static final Map<String, Object[]> MEDIA = Map.of(
            "mute", new Object[] {Media.MUTED, true},
            "unmute", new Object[] {Media.MUTED, false},
            "video_on", new Object[] {Media.VIDEO, true},
            "video_off", new Object[] {Media.VIDEO, false},
            "screen_on", new Object[] {Media.SCREEN_SHARING, true},
            "screen_off", new Object[] {Media.SCREEN_SHARING, false},
            "raise_hand", new Object[] {Media.HAND_RAISED, true},
            "lower_hand", new Object[] {Media.HAND_RAISED, false});

    private final LocalSockets sockets;
    private final SignalRelay relay;
    private final Participants participants;
    private final VoiceService voice;
    private final CallService calls;
    private final CallProperties limits;
    private final JsonMapper mapper;
    private final Clock clock;

    SignalingHandler(
            LocalSockets sockets,
            SignalRelay relay,
            Participants participants,
            VoiceService voice,
            CallService calls,
            CallProperties limits,
            JsonMapper mapper,
            Clock clock) {
        this.sockets = sockets;
        this.relay = relay;
        this.participants = participants;
        this.voice = voice;
        this.calls = calls;
        this.limits = limits;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Participants.Participant stay =
                (Participants.Participant) session.getAttributes().get(SignalingHandshake.STAY);
        SignalSocket socket =
                new SignalSocket(session, stay.userId(), stay.roomId(), stay.roomKind(), stay.sessionId(), limits);
        session.getAttributes().put(SignalSocket.class.getName(), socket);
        // A second socket for the same stay replaces the first (a reconnect).
        sockets.add(socket).ifPresent(older -> older.close(CloseStatus.NORMAL.withReason("replaced by a new socket")));
        participants.seen(List.of(stay.sessionId()), clock.instant());
        ObjectNode hello = mapper.createObjectNode();
        hello.put("type", "hello");
        ObjectNode data = hello.putObject("data");
        data.put("room_id", stay.roomId().toString());
        data.put("session_id", stay.sessionId().toString());
        data.put("frames_per_minute", limits.framesPerMinute());
        data.put("max_frame_bytes", limits.maxFrameBytes());
        data.put("heartbeat_timeout_seconds", limits.heartbeatTimeout().toSeconds());
        data.set(
                "participants",
                mapper.valueToTree(participants.present(stay.roomId()).stream()
                        .map(ParticipantResponse::of)
                        .toList()));
        socket.send(mapper.writeValueAsString(hello));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SignalSocket socket = (SignalSocket) session.getAttributes().get(SignalSocket.class.getName());
        if (socket == null) {
            return;
        }
        socket.heard();
        if (!socket.admit()) {
            if (socket.refusedInARow() >= 10) {
                socket.close(CloseStatus.POLICY_VIOLATION.withReason("too many frames"));
            } else {
                socket.send(error("RATE_LIMITED", "At most " + limits.framesPerMinute() + " frames a minute"));
            }
            return;
        }
        JsonNode frame;
        try {
            frame = mapper.readTree(message.getPayload());
        } catch (JacksonException e) {
            socket.send(error("INVALID_FRAME", "Frames are JSON objects with a type"));
            return;
        }
        String type = frame.path("type").asString("");
        switch (type) {
            case "ping" -> socket.send("{\"type\":\"pong\"}");
            case "offer", "answer", "ice_candidate" -> relay(socket, type, frame);
            default -> {
                Object[] media = MEDIA.get(type);
                if (media == null) {
                    socket.send(error("UNKNOWN_TYPE", "Unknown frame type: " + abbreviated(type)));
                } else {
                    media(socket, (Media) media[0], (Boolean) media[1]);
                }
            }
        }
    }

    /** To the one participant named, never to anyone else. */
    private void relay(SignalSocket socket, String type, JsonNode frame) {
        UUID to;
        try {
            to = UUID.fromString(frame.path("to").asString(""));
        } catch (IllegalArgumentException e) {
            socket.send(error("INVALID_FRAME", type + " needs to: the user id of a participant"));
            return;
        }
        if (to.equals(socket.userId()) || participants.in(socket.roomId(), to).isEmpty()) {
            socket.send(error("NOT_FOUND", "No such participant in this room"));
            return;
        }
        if (!frame.path("data").isObject()) {
            socket.send(error("INVALID_FRAME", type + " needs data: an object"));
            return;
        }
        ObjectNode relayed = mapper.createObjectNode();
        relayed.put("type", type);
        relayed.put("from", socket.userId().toString());
        relayed.set("data", frame.get("data"));
        relay.toUser(socket.roomId(), to, mapper.writeValueAsString(relayed));
    }

    private void media(SignalSocket socket, Media media, boolean value) {
        participants.media(socket.sessionId(), media, value).ifPresent(updated -> {
            ObjectNode frame = mapper.createObjectNode();
            frame.put("type", "participant_updated");
            frame.set("data", mapper.valueToTree(ParticipantResponse.of(updated)));
            relay.toRoom(socket.roomId(), null, mapper.writeValueAsString(frame));
        });
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SignalSocket socket = (SignalSocket) session.getAttributes().get(SignalSocket.class.getName());
        if (socket == null) {
            return;
        }
        socket.closed();
        if (!sockets.remove(socket)) {
            return; // replaced by a newer socket of the same stay: the stay goes on
        }
        leave(socket, socket.timedOut() ? TIMED_OUT : LEFT);
    }

    private void leave(SignalSocket socket, String reason) {
        try {
            if (Participants.VOICE.equals(socket.roomKind())) {
                voice.departed(socket.roomId(), socket.userId(), reason);
            } else {
                calls.departed(socket.roomId(), socket.userId(), reason);
            }
        } catch (RuntimeException e) {
            // The heartbeat sweep ends the stay later (its last_seen_at stops moving).
            log.warn("Could not end the stay of {} in {}: {}", socket.userId(), socket.roomId(), e.toString());
        }
    }

    private String error(String code, String message) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "error");
        ObjectNode data = frame.putObject("data");
        data.put("code", code);
        data.put("message", message);
        return mapper.writeValueAsString(frame);
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
