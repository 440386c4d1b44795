package com.plexichat.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to a service under test as a client developer makes them (JSON bodies, a bearer token),
 * with the envelope's parts at hand in the response.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    // HTTP/1.1: the JDK client's default h2c upgrade offer can leave a request unanswered by Reactor Netty.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String errorCode() {
            return json().path("error").path("code").asString(null);
        }

        public JsonNode details() {
            return json().path("error").path("details");
        }

        /** The field an error names ({@code error.details.field}), or null. */
        public String field() {
            return details().path("field").asString(null);
        }
    }

    /** @param body a JSON string as is, any other object written as JSON, or null for none */
    public Response send(String method, String path, String token, Object body) {
        return send(method, path, token, body, Map.of());
    }

    /** With an {@code X-API-Key} instead of a token. */
    public Response withApiKey(String method, String path, String apiKey, Object body) {
        return send(method, path, null, body, Map.of("X-API-Key", apiKey));
    }

    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        String json = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request, HttpResponse.BodyHandlers.ofString(), r -> new Response(r.statusCode(), r.body(), r));
    }

    /** A {@code multipart/form-data} upload (a {@link MultipartBody} streams its parts). */
    public Response upload(String path, String token, MultipartBody body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", body.contentType())
                .POST(body.publisher());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofString(), r -> new Response(r.statusCode(), r.body(), r));
    }

    /** Any request, answered as bytes (downloads): {@code headers} are name, value, name, value... */
    public HttpResponse<byte[]> bytes(
            String method, String path, String token, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, HttpResponse.BodyHandlers.ofByteArray(), r -> r);
    }

    private static <B, R> R send(
            HttpRequest.Builder request,
            HttpResponse.BodyHandler<B> handler,
            java.util.function.Function<HttpResponse<B>, R> answer) {
        try {
            return answer.apply(HTTP.send(request.build(), handler));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }
}
