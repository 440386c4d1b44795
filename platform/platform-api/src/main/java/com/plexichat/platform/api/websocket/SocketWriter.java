package com.plexichat.platform.api.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * A WebSocket's outgoing frames, written in order by a (virtual) thread of the socket's own, so whoever delivers only
 * enqueues and never waits for a client. A client whose queue grows past {@code bufferLimit} bytes is closed (1013)
 * instead of slowing anyone; one write to a client that stopped reading fails after {@code sendTimeLimit}.
 */
public final class SocketWriter {

    private final WebSocketSession session;
    private final long bufferLimit;
    private final ExecutorService writer =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();

    public SocketWriter(WebSocketSession session, long bufferLimit, Duration sendTimeLimit) {
        this.session = session;
        this.bufferLimit = bufferLimit;
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            container
                    .getUserProperties()
                    .put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", sendTimeLimit.toMillis());
        }
    }

    public String id() {
        return session.getId();
    }

    /** Queues a frame; never blocks. */
    public void send(String json) {
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
                    // the connection broke or timed out: the client reconnects
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
    public void close(CloseStatus status) {
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
    public void closed() {
        closing.set(true);
        writer.shutdownNow();
    }
}
