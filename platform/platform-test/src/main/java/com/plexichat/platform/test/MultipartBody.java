package com.plexichat.platform.test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} body as browsers and HTTP libraries send it, streamed: a part's bytes may come from
 * a generator, so a test can upload a gigabyte without holding it. With {@link #chunked()} the length is not
 * declared (as from a client that streams an unknown amount).
 */
public final class MultipartBody {

    private record Part(byte[] head, Supplier<InputStream> body, long length) {}

    private final String boundary = "plexichat-" + UUID.randomUUID();
    private final List<Part> parts = new ArrayList<>();
    private boolean chunked;

    public MultipartBody field(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return add(
                "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n",
                () -> new ByteArrayInputStream(bytes),
                bytes.length);
    }

    public MultipartBody file(String name, String filename, String contentType, byte[] bytes) {
        return file(name, filename, contentType, () -> new ByteArrayInputStream(bytes), bytes.length);
    }

    /** @param body a fresh stream of exactly {@code length} bytes each time it is asked */
    public MultipartBody file(
            String name, String filename, String contentType, Supplier<InputStream> body, long length) {
        return add(
                "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                        + "Content-Type: " + contentType + "\r\n\r\n",
                body,
                length);
    }

    /** Sends without a Content-Length (chunked transfer coding). */
    public MultipartBody chunked() {
        this.chunked = true;
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(this::stream);
        return chunked ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length());
    }

    public long length() {
        long length = tail().length;
        for (Part part : parts) {
            length += part.head().length + part.length() + 2;
        }
        return length;
    }

    private InputStream stream() {
        List<InputStream> streams = new ArrayList<>();
        for (Part part : parts) {
            streams.add(new ByteArrayInputStream(part.head()));
            streams.add(part.body().get());
            streams.add(new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        streams.add(new ByteArrayInputStream(tail()));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    private MultipartBody add(String headers, Supplier<InputStream> body, long length) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
        parts.add(new Part(head.toByteArray(), body, length));
        return this;
    }

    private byte[] tail() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
