package com.plexichat.messaging.realtime;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

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
    private final Bucket frames;
    private final long bufferLimit;
    private final ExecutorService writer =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private int refusedInARow;
    private boolean replaying;
    private long replayedUpTo;
    private final List<Frame> heldBack = new ArrayList<>();

    Socket(WebSocketSession session, UUID userId, UUID conversationId, RealtimeProperties limits) {
        this.session = session;
        this.userId = userId;
        this.conversationId = conversationId;
        this.bufferLimit = limits.sendBufferBytes();
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            // one write to a client that stopped reading fails after this, instead of blocking its writer for good
            container
                    .getUserProperties()
                    .put(
                            "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT",
                            limits.sendTimeLimit().toMillis());
        }
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

    /** Queues a frame; never blocks. */
    void send(String json) {
        if (closing.get()) {
            return;
        }
        long size = json.getBytes(StandardCharsets.UTF_8).length;
        if (queuedBytes.addAndGet(size) > bufferLimit) {
            close(CloseStatus.SERVICE_OVERLOAD.withReason("too slow: send buffer full"));
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    if (session.isOpen() && !closing.get()) {
                        session.sendMessage(new TextMessage(json));
                    }
                } catch (IOException | RuntimeException e) {
                    // the connection broke or timed out: the client reconnects and catches up
                    close(CloseStatus.SERVICE_OVERLOAD);
                } finally {
                    queuedBytes.addAndGet(-size);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Closes the connection (once) without waiting for it. */
    void close(CloseStatus status) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        });
    }

    /** The connection ended: the writer stops. */
    void closed() {
        closing.set(true);
        writer.shutdownNow();
    }
}
