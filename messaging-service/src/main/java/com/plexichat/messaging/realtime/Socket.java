package com.plexichat.messaging.realtime;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One client connection: who it is, which conversation it watches (null: every conversation of the
 * user), and its outgoing queue. Sending never blocks the caller for long: the decorator queues up to
 * a bound, and a client that falls further behind is closed instead of slowing the others.
 *
 * <p>While it replays what the client missed ({@code after_seq}), live frames of its conversation wait,
 * so the client sees every message once and in order.
 */
final class Socket {

    private final WebSocketSession session;
    private final UUID userId;
    private final UUID conversationId;
    private final Bucket frames;
    private int refusedInARow;
    private boolean replaying;
    private long replayedUpTo;
    private final List<Frame> heldBack = new ArrayList<>();

    Socket(WebSocketSession raw, UUID userId, UUID conversationId, RealtimeProperties limits) {
        this.session = new ConcurrentWebSocketSessionDecorator(
                raw,
                (int) limits.sendTimeLimit().toMillis(),
                limits.sendBufferBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.userId = userId;
        this.conversationId = conversationId;
        this.frames = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limits.framesPerMinute())
                        .refillGreedy(limits.framesPerMinute(), Duration.ofMinutes(1))
                        .build())
                .build();
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
    synchronized boolean admit() {
        if (frames.tryConsume(1)) {
            refusedInARow = 0;
            return true;
        }
        refusedInARow++;
        return false;
    }

    synchronized int refusedInARow() {
        return refusedInARow;
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

    void send(String json) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(json));
        } catch (IOException | IllegalStateException e) {
            // the decorator closed a client that fell behind (or the connection broke): it reconnects
            // and catches up with after_seq
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            // already gone
        }
    }
}
