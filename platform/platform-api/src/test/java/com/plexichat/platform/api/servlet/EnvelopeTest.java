package com.plexichat.platform.api.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.api.SecurityHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives a real server the way a client would and checks what it sees on the wire. */
@SpringBootTest(
        classes = EnvelopeTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "plexichat.api.max-request-size=1KB")
class EnvelopeTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    record Call(String method, String path, String contentType, String body, String accept) {
        static Call get(String path) {
            return new Call("GET", path, null, null, "application/json");
        }

        static Call post(String path, String contentType, String body) {
            return new Call("POST", path, contentType, body, "application/json");
        }
    }

    HttpResponse<String> send(Call call, String requestId) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()));
        builder.method(
                call.method(),
                call.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            builder.header("Content-Type", call.contentType());
        }
        if (call.accept() != null) {
            builder.header("Accept", call.accept());
        }
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Stream<Arguments> errors() {
        String widgets = "/v1/widgets";
        return Stream.of(
                Arguments.of(Call.post(widgets, "application/json", "{\"display_name\":"), 400, "VALIDATION_ERROR"),
                Arguments.of(
                        Call.post(widgets, "application/json", "{\"display_name\":\"x\",\"quantity\":\"lots\"}"),
                        400,
                        "VALIDATION_ERROR"),
                Arguments.of(
                        Call.post(widgets, "application/json", "{\"display_name\":\"\",\"quantity\":0}"),
                        400,
                        "VALIDATION_ERROR"),
                Arguments.of(Call.get(widgets + "?per_page=101"), 400, "VALIDATION_ERROR"),
                Arguments.of(Call.get(widgets + "/not-a-uuid"), 400, "VALIDATION_ERROR"),
                Arguments.of(Call.get(widgets + "/forbidden"), 403, "FORBIDDEN"),
                Arguments.of(Call.get(widgets + "/00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND"),
                Arguments.of(Call.get("/v1/no-such-thing"), 404, "NOT_FOUND"),
                Arguments.of(new Call("DELETE", widgets, null, null, "application/json"), 405, "METHOD_NOT_ALLOWED"),
                Arguments.of(new Call("GET", widgets, null, null, "application/xml"), 406, "NOT_ACCEPTABLE"),
                Arguments.of(Call.get(widgets + "/conflict"), 409, "CONFLICT"),
                Arguments.of(
                        Call.post(widgets, "application/json", "{\"display_name\":\"" + "x".repeat(2000) + "\"}"),
                        413,
                        "PAYLOAD_TOO_LARGE"),
                Arguments.of(Call.post(widgets, "text/plain", "hello"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(Call.get(widgets + "/rule"), 422, "BUSINESS_RULE_VIOLATION"),
                Arguments.of(Call.get(widgets + "/boom"), 500, "INTERNAL_ERROR"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("errors")
    void everyErrorIsTheEnvelopeWithItsCodeHeadersAndRequestId(Call call, int status, String code) throws Exception {
        HttpResponse<String> response = send(call, "client-id-42");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
        assertThat(body.get("error").get("message").asString()).isNotBlank();
        assertThat(body.get("meta").get("request_id").asString()).isEqualTo("client-id-42");
        assertThat(body.get("meta").get("timestamp").asString()).endsWith("Z");
        assertThat(body.has("data")).isFalse();
        assertSecurityHeaders(response, "client-id-42");
    }

    @Test
    void successIsTheEnvelopeInSnakeCaseWithIsoTimestamps() throws Exception {
        HttpResponse<String> response = send(Call.get("/v1/widgets/" + EnvelopeTestApplication.KNOWN), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("data").get("display_name").asString()).isEqualTo("Blue widget");
        assertThat(body.get("data").get("created_at").asString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(body.has("error")).isFalse();
        String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("req_[A-Za-z0-9]{24}");
        assertThat(body.get("meta").get("request_id").asString()).isEqualTo(generated);
        assertSecurityHeaders(response, generated);
    }

    @Test
    void createdAnswers201WithLocation() throws Exception {
        HttpResponse<String> response =
                send(Call.post("/v1/widgets", "application/json", "{\"display_name\":\"New\",\"quantity\":2}"), null);

        assertThat(response.statusCode()).isEqualTo(201);
        String id = json.readTree(response.body()).get("data").get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/widgets/" + id);
    }

    @Test
    void listsCarryTheSeedPaginationBlock() throws Exception {
        JsonNode body = json.readTree(
                send(Call.get("/v1/widgets?page=2&per_page=2"), null).body());

        assertThat(body.get("data")).hasSize(1);
        JsonNode pagination = body.get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(2);
        assertThat(pagination.get("per_page").asInt()).isEqualTo(2);
        assertThat(pagination.get("total").asInt()).isEqualTo(3);
        assertThat(pagination.get("total_pages").asInt()).isEqualTo(2);
        assertThat(pagination.get("has_next").asBoolean()).isFalse();
        assertThat(pagination.get("has_prev").asBoolean()).isTrue();
    }

    @Test
    void cursorListsCarryTheCursorBlock() throws Exception {
        JsonNode body =
                json.readTree(send(Call.get("/v1/widgets/feed?limit=10"), null).body());

        JsonNode pagination = body.get("pagination");
        assertThat(pagination.get("limit").asInt()).isEqualTo(10);
        assertThat(pagination.get("has_more").asBoolean()).isFalse();
        assertThat(pagination.has("next_cursor")).isTrue();
    }

    @Test
    void validationNamesEachFailedFieldInSnakeCase() throws Exception {
        JsonNode body = json.readTree(
                send(Call.post("/v1/widgets", "application/json", "{\"display_name\":\"\",\"quantity\":0}"), null)
                        .body());

        List<String> fields = body.get("error")
                .get("details")
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .sorted()
                .toList();
        assertThat(fields).containsExactly("display_name", "quantity");
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        JsonNode body = json.readTree(send(
                        Call.post("/v1/widgets", "application/json", "{\"display_name\":\"x\",\"quantity\":\"lots\"}"),
                        null)
                .body());

        assertThat(body.get("error").get("details").get("field").asString()).isEqualTo("quantity");
    }

    @Test
    void outOfRangePaginationNamesTheParameter() throws Exception {
        JsonNode body =
                json.readTree(send(Call.get("/v1/widgets?per_page=0"), null).body());
        assertThat(body.get("error").get("details").get("field").asString()).isEqualTo("per_page");

        JsonNode notANumber =
                json.readTree(send(Call.get("/v1/widgets?page=abc"), null).body());
        assertThat(notANumber.get("error").get("details").get("field").asString())
                .isEqualTo("page");

        JsonNode twoCursors = json.readTree(
                send(Call.get("/v1/widgets/feed?after_seq=1&before=" + EnvelopeTestApplication.KNOWN), null)
                        .body());
        assertThat(twoCursors.get("error").get("code").asString()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void methodNotAllowedListsTheAllowedMethods() throws Exception {
        HttpResponse<String> response = send(new Call("DELETE", "/v1/widgets", null, null, null), null);

        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(v -> assertThat(v).contains("GET", "POST"));
    }

    @Test
    void internalErrorsNeverLeakExceptionText() throws Exception {
        HttpResponse<String> response = send(Call.get("/v1/widgets/boom"), null);

        assertThat(response.body()).doesNotContain("hunter2", "IllegalState", "db.internal", "Exception", "at com.");
        assertThat(json.readTree(response.body()).get("error").get("message").asString())
                .isEqualTo("An unexpected error occurred");
    }

    @Test
    void anInvalidClientRequestIdIsReplacedNotEchoed() throws Exception {
        HttpResponse<String> response = send(Call.get("/v1/widgets/" + EnvelopeTestApplication.KNOWN), "bad id!");

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).startsWith("req_");
        assertThat(json.readTree(response.body()).get("meta").get("request_id").asString())
                .isEqualTo(id);
    }

    private static void assertSecurityHeaders(HttpResponse<String> response, String requestId) {
        SecurityHeaders.ALL.forEach((name, value) ->
                assertThat(response.headers().firstValue(name)).as(name).hasValue(value));
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
    }
}
