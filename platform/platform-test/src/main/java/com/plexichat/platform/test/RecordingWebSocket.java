package com.plexichat.platform.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client WebSocket (the JDK's) that records every text frame it receives and how it was closed. */
public final class RecordingWebSocket {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private RecordingWebSocket(HttpClient http, URI uri, java.util.Map<String, String> headers)
            throws InterruptedException, ExecutionException, TimeoutException {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
                    /** The client may hand a frame over in parts (a read that ends inside it): joined here. */
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            received.add(frame.toString());
                            frame.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closeCode.complete(status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closeCode.completeExceptionally(error);
                    }
                })
                .get(30, TimeUnit.SECONDS);
    }

    public static RecordingWebSocket connect(HttpClient http, URI uri) throws Exception {
        return new RecordingWebSocket(http, uri, java.util.Map.of());
    }

    /** With handshake headers (an {@code Authorization} header, say). */
    public static RecordingWebSocket connect(HttpClient http, URI uri, java.util.Map<String, String> headers)
            throws Exception {
        return new RecordingWebSocket(http, uri, headers);
    }

    /** Closes from the client side (normal closure). */
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Drops the connection without a close frame, as a client that lost its network would. */
    public void abort() {
        socket.abort();
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The text frames received so far, in order. */
    public List<String> received() {
        return received;
    }

    /** The close code the server sent; fails after the timeout if it never closed. */
    public int closeCode(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
