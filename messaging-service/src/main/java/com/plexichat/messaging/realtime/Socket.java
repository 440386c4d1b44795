package com.plexichat.messaging.realtime;

import com.plexichat.platform.api.websocket.FrameAllowance;
import com.plexichat.platform.api.websocket.SocketWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: who it is, which conversation it watches (null: every conversation of the
 * user), and its outgoing queue. Frames are written by a thread of the socket's own (a virtual one), in
 * order, so whoever delivers (the fan-out) only enqueues and never waits for a client; a client whose
 * queue grows past {@code send-buffer-bytes} is closed instead of slowing anyone (it reconnects and
 * catches up with {@code after_seq}).
 *
 * <p>While it replays what the client missed ({@code after_seq}), live frames of its conversation wait,
 * so the client sees every message once and in order.
 */
final class Socket {

    private final WebSocketSession session;
    private final UUID userId;
    private final UUID conversationId;
    private final FrameAllowance frames;
    private final SocketWriter writer;
    private boolean replaying;
    private long replayedUpTo;
    private final List<Frame> heldBack = new ArrayList<>();

    Socket(WebSocketSession session, UUID userId, UUID conversationId, RealtimeProperties limits) {
        this.session = session;
        this.userId = userId;
        this.conversationId = conversationId;
        this.frames = new FrameAllowance(limits.framesPerMinute());
        this.writer = new SocketWriter(session, limits.sendBufferBytes(), limits.sendTimeLimit());
    }

    /**
     * A frame for the client; {@code seq} orders the frames of one conversation, or is null.
     * {@code message} marks a {@code message.sent}: the frames a replay sends too.
     */
    record Frame(UUID conversationId, Long seq, boolean message, String json) {}

    String id() {
        return session.getId();
    }

    UUID userId() {
        return userId;
    }

    /** The one conversation this socket watches, or null for all of the user's. */
    UUID conversationId() {
        return conversationId;
    }

    boolean watches(UUID conversation) {
        return conversationId == null || conversationId.equals(conversation);
    }

    /** Counts a client frame against the limit; false when over it. */
    boolean admit() {
        return frames.admit();
    }

    int refusedInARow() {
        return frames.refusedInARow();
    }

    synchronized void startReplay() {
        replaying = true;
    }

    /** Sends a replayed frame (the caller sends them in seq order). */
    synchronized void replay(Frame frame) {
        replayedUpTo = Math.max(replayedUpTo, frame.seq() == null ? 0 : frame.seq());
        send(frame.json());
    }

    /** Ends the replay: what arrived live meanwhile goes out now, without what the replay already sent. */
    synchronized void endReplay() {
        replaying = false;
        for (Frame frame : heldBack) {
            deliver(frame);
        }
        heldBack.clear();
    }

    synchronized void deliver(Frame frame) {
        if (replaying && frame.seq() != null) {
            heldBack.add(frame);
            return;
        }
        if (frame.message() && frame.seq() <= replayedUpTo) {
            return;
        }
        send(frame.json());
    }

    /** Queues a frame; never blocks (a client too slow to keep up is closed and catches up with after_seq). */
    void send(String json) {
        writer.send(json);
    }

    /** Closes the connection (once) without waiting for it. */
    void close(CloseStatus status) {
        writer.close(status);
    }

    /** The connection ended: the writer stops. */
    void closed() {
        writer.closed();
    }
}
