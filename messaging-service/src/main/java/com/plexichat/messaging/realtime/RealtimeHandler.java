package com.plexichat.messaging.realtime;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.message.MessageService;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.events.EphemeralEvents;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.message.TypingStarted;
import java.time.Clock;
import java.util.UUID;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat sockets. On connect: a {@code hello} frame, then (with {@code after_seq}) the messages the
 * client missed, then live frames. Client frames: {@code ping} (answered by {@code pong}) and {@code
 * typing} ({@code conversation_id}, or the narrow view's). Over the frame limit a client gets an
 * {@code error} frame; if it keeps on, the socket is closed with 1008.
 */
class RealtimeHandler extends TextWebSocketHandler {

    private final Sessions sessions;
    private final Conversations conversations;
    private final MessageService messages;
    private final EphemeralEvents typingEvents;
    private final JsonMapper mapper;
    private final RealtimeProperties limits;
    private final Clock clock;
    private final ConnectionEvents connections;

    RealtimeHandler(
            Sessions sessions,
            Conversations conversations,
            MessageService messages,
            EphemeralEvents typingEvents,
            JsonMapper mapper,
            RealtimeProperties limits,
            Clock clock,
            ConnectionEvents connections) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.messages = messages;
        this.typingEvents = typingEvents;
        this.mapper = mapper;
        this.limits = limits;
        this.clock = clock;
        this.connections = connections;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        UUID user = (UUID) session.getAttributes().get(SocketHandshake.USER);
        UUID conversation = (UUID) session.getAttributes().get(SocketHandshake.CONVERSATION);
        Long afterSeq = (Long) session.getAttributes().get(SocketHandshake.AFTER_SEQ);
        Socket socket = new Socket(session, user, conversation, limits);
        session.getAttributes().put(Socket.class.getName(), socket);
        if (afterSeq != null) {
            socket.startReplay();
        }
        sessions.add(socket);
        connections.opened(socket);
        socket.send(hello(socket));
        if (afterSeq != null) {
            for (MessageSent missed : messages.replay(conversation, afterSeq, limits.replayLimit())) {
                socket.replay(new Socket.Frame(
                        conversation,
                        missed.seq(),
                        true,
                        Frames.json(
                                mapper,
                                MessageSent.TYPE.name(),
                                conversation,
                                missed.seq(),
                                mapper.valueToTree(missed))));
            }
            socket.endReplay();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Socket socket = (Socket) session.getAttributes().get(Socket.class.getName());
        if (!socket.admit()) {
            if (socket.refusedInARow() >= limits.closeAfterRefused()) {
                socket.close(CloseStatus.POLICY_VIOLATION.withReason("frame limit exceeded"));
            } else {
                socket.send(Frames.error(
                        mapper, "RATE_LIMITED", "At most " + limits.framesPerMinute() + " frames a minute"));
            }
            return;
        }
        JsonNode frame;
        try {
            frame = mapper.readTree(message.getPayload());
        } catch (JacksonException e) {
            socket.send(Frames.error(mapper, "INVALID_FRAME", "A frame is a JSON object with a type"));
            return;
        }
        String type = frame.path("type").isString() ? frame.get("type").asString() : "";
        switch (type) {
            case "ping" -> socket.send("{\"type\":\"pong\"}");
            case "typing" -> typing(socket, frame);
            default -> socket.send(Frames.error(mapper, "UNKNOWN_TYPE", "Client frames are ping and typing"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Socket socket = (Socket) session.getAttributes().get(Socket.class.getName());
        if (socket != null) {
            socket.closed();
            sessions.remove(socket);
            connections.closed(socket);
        }
    }

    private void typing(Socket socket, JsonNode frame) {
        UUID conversation = socket.conversationId();
        try {
            if (frame.path("conversation_id").isString()) {
                conversation = UUID.fromString(frame.get("conversation_id").asString());
            }
            if (conversation == null || !socket.watches(conversation)) {
                throw new IllegalArgumentException();
            }
            if (!conversations.readable(conversation, socket.userId(), null).member()) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | ApiException e) {
            socket.send(Frames.error(mapper, "NOT_FOUND", "No such conversation of yours"));
            return;
        }
        // Ephemeral: straight to Kafka, no outbox; a lost typing notice costs nothing.
        typingEvents.send(
                TypingStarted.TYPE,
                conversation.toString(),
                new TypingStarted(conversation, socket.userId(), clock.instant()));
    }

    private String hello(Socket socket) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "hello");
        ObjectNode data = frame.putObject("data");
        data.put("session_id", socket.id());
        data.put("user_id", socket.userId().toString());
        if (socket.conversationId() != null) {
            data.put("conversation_id", socket.conversationId().toString());
        }
        data.put("frames_per_minute", limits.framesPerMinute());
        data.put("max_frame_bytes", limits.maxFrameBytes());
        return mapper.writeValueAsString(frame);
    }
}
