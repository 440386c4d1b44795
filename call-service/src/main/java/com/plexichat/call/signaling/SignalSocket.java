package com.plexichat.call.signaling;

import com.plexichat.call.CallProperties;
import com.plexichat.platform.api.websocket.FrameAllowance;
import com.plexichat.platform.api.websocket.SocketWriter;
import java.util.UUID;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/** One participant's signaling socket: its stay, its frame allowance, its queue, when it was last heard from. */
final class SignalSocket {

    private final UUID userId;
    private final UUID roomId;
    private final String roomKind;
    private final UUID sessionId;
    private final FrameAllowance frames;
    private final SocketWriter writer;
    private volatile long lastHeardNanos = System.nanoTime();

    SignalSocket(
            WebSocketSession session,
            UUID userId,
            UUID roomId,
            String roomKind,
            UUID sessionId,
            CallProperties limits) {
        this.userId = userId;
        this.roomId = roomId;
        this.roomKind = roomKind;
        this.sessionId = sessionId;
        this.frames = new FrameAllowance(limits.framesPerMinute());
        this.writer = new SocketWriter(session, limits.sendBufferBytes(), java.time.Duration.ofSeconds(10));
    }

    UUID userId() {
        return userId;
    }

    UUID roomId() {
        return roomId;
    }

    String roomKind() {
        return roomKind;
    }

    UUID sessionId() {
        return sessionId;
    }

    boolean admit() {
        return frames.admit();
    }

    int refusedInARow() {
        return frames.refusedInARow();
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    private volatile boolean timedOut;

    /** Closes a socket that stopped sending (4408); it leaves its room as {@code timed_out}. */
    void timeOut() {
        timedOut = true;
        writer.close(new CloseStatus(4408, "heartbeat timed out"));
    }

    boolean timedOut() {
        return timedOut;
    }

    void send(String json) {
        writer.send(json);
    }

    void close(CloseStatus status) {
        writer.close(status);
    }

    void closed() {
        writer.closed();
    }
}
