package com.plexichat.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.events.message.MessageDeleted;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.test.AdministratorSettings;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.Infrastructure;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.MultipartBody;
import com.plexichat.platform.test.S3Infrastructure;
import com.plexichat.platform.test.ServiceContractIT;
import com.plexichat.platform.test.TcpProxy;
import com.plexichat.platform.test.TestTokenIssuer;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Files on real PostgreSQL, Kafka and S3 (s3proxy, or MinIO with Docker). Channels, DMs and messages reach the
 * service as channel-service's and messaging-service's events, injected as those services publish them. S3 is
 * reached through a TCP proxy the test can take down. The gigabyte upload goes to a second file-service process
 * started from the service's jar with its heap capped at 256 MB.
 */
@IntegrationTest
class FileServiceIT extends ServiceContractIT {

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final EventInjector INJECT = new EventInjector();
    private static final EventProbe EVENTS = new EventProbe(Topics.FILES);
    private static final S3Infrastructure S3 = Infrastructure.s3();
    private static final TcpProxy S3_PROXY = new TcpProxy(URI.create(S3.endpoint()));
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MB = 1024 * 1024;
    private static final long MAX_UPLOAD = 16 * MB;
    private static final long QUOTA = 20 * MB;

    private static final Map<String, List<String>> DEFAULT_ROLES = Map.of(
            "admin", List.of("post_messages", "add_reactions", "upload_files", "manage_members", "manage_channel"),
            "member", List.of("post_messages", "add_reactions", "upload_files"),
            "guest", List.of("post_messages", "add_reactions"));

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TOKENS.trustedBy(registry);
        registry.add("plexichat.s3.endpoint", S3_PROXY::url);
        registry.add("plexichat.s3.access-key", S3::accessKey);
        registry.add("plexichat.s3.secret-key", S3::secretKey);
        registry.add("plexichat.s3.bucket", S3::bucket);
        registry.add("plexichat.files.max-upload-size", () -> MAX_UPLOAD + "B");
        registry.add("plexichat.files.quota", () -> QUOTA + "B");
        registry.add("plexichat.files.part-size", () -> "5MB");
        registry.add("plexichat.files.share-secret", () -> "a share secret for the tests");
        registry.add("plexichat.files.public-url", () -> "http://gateway.example");
        registry.add("plexichat.files.sweep-interval", () -> "1s");
    }

    @AfterAll
    static void close() {
        EVENTS.close();
        INJECT.close();
        TOKENS.close();
        S3_PROXY.close();
    }

    record Person(UUID id, String token) {}

    // --- upload, metadata, listing, config -------------------------------------------------------------------

    @Test
    void anUploadIsStoredTypedFromItsBytesHashedAndListed() throws Exception {
        Person ada = person();
        byte[] png = TestImages.encode(TestImages.halves(40, 20), "png");
        ApiClient.Response uploaded = upload(ada, "notes.txt", "text/plain", png);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = uploaded.data();
        String id = file.get("id").asString();
        assertThat(uploaded.raw().headers().firstValue("Location")).hasValue("/v1/files/" + id);
        assertThat(file.get("owner_id").asString()).isEqualTo(ada.id().toString());
        assertThat(file.get("name").asString()).isEqualTo("notes.txt");
        assertThat(file.get("content_type").asString())
                .as("from the bytes, not the client's text/plain")
                .isEqualTo("image/png");
        assertThat(file.get("size").asLong()).isEqualTo(png.length);
        assertThat(file.get("sha256").asString()).isEqualTo(sha256(png));
        assertThat(file.has("created_at")).isTrue();
        assertThat(file.get("has_thumbnail").isBoolean()).isTrue();

        JsonNode event =
                EVENTS.awaitOne("file.uploaded", id, WAIT).orElseThrow().get("data");
        assertThat(event.get("owner_id").asString()).isEqualTo(ada.id().toString());
        assertThat(event.get("sha256").asString()).isEqualTo(sha256(png));

        assertThat(call("GET", "/v1/files/" + id, ada).data().get("sha256").asString())
                .isEqualTo(sha256(png));
        upload(
                ada,
                "report.pdf",
                "application/pdf",
                "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        JsonNode mine = call("GET", "/v1/files?per_page=10", ada).json();
        assertThat(mine.get("pagination").get("total").asLong()).isEqualTo(2);
        assertThat(mine.get("data").get(0).get("name").asString())
                .as("newest first")
                .isEqualTo("report.pdf");
        JsonNode images = call("GET", "/v1/files?content_type=image/", ada).json();
        assertThat(images.get("data").valueStream().map(f -> f.get("id").asString()))
                .containsExactly(id);
        assertThat(call("GET", "/v1/files", person())
                        .json()
                        .get("pagination")
                        .get("total")
                        .asLong())
                .as("only one's own files")
                .isZero();

        JsonNode config = call("GET", "/v1/files/config", ada).data();
        assertThat(config.get("max_upload_bytes").asLong()).isEqualTo(MAX_UPLOAD);
        assertThat(config.get("quota_bytes").asLong()).isEqualTo(QUOTA);
        assertThat(config.get("used_bytes").asLong()).isGreaterThanOrEqualTo(png.length);
        assertThat(config.get("blocked_types").isArray()).isTrue();
        assertThat(config.get("part_size_bytes").asLong()).isEqualTo(5 * MB);
    }

    @Test
    void namesAreSanitisedNeverRefusedAndNeverUsedForStorage() throws Exception {
        Person ada = person();
        String evil = "../../etc/pass\u0000wd\u202Egnp.exe\u0007\t" + "x".repeat(2048) + ".txt";
        ApiClient.Response uploaded = upload(ada, evil, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String name = uploaded.data().get("name").asString();
        assertThat(name)
                .doesNotContain("/", "\\", "\u0000", "\u202E", "\u0007", "\t")
                .startsWith("passwdgnp.exe");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(name).endsWith(".txt");
        String id = uploaded.data().get("id").asString();
        assertThat(objectKeys("files/")).contains("files/" + id).noneMatch(k -> k.contains("passwd"));

        ApiClient.Response windows =
                upload(ada, "C:\\Users\\ada\\Desktop\\plan \"v2\".txt", "text/plain", "x".getBytes());
        assertThat(windows.data().get("name").asString()).isEqualTo("plan _v2_.txt");
        ApiClient.Response empty = upload(ada, "...", "text/plain", "x".getBytes());
        assertThat(empty.data().get("name").asString()).isEqualTo("file");
    }

    @Test
    void badUploadsAreClear4xxAndStoreNothing() throws Exception {
        Person ada = person();
        int before = objectKeys("files/").size();
        ApiClient api = new ApiClient(port);

        ApiClient.Response json = api.post("/v1/files", ada.token(), Map.of("file", "x"));
        assertThat(json.status()).as("not multipart").isEqualTo(415);
        assertThat(json.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        ApiClient.Response noFile = api.upload("/v1/files", ada.token(), new MultipartBody().field("note", "x"));
        assertThat(noFile.status()).as(noFile.body()).isEqualTo(400);
        ApiClient.Response onlyConversation =
                api.upload("/v1/files", ada.token(), new MultipartBody().field("conversation_id", "not-a-uuid"));
        assertThat(onlyConversation.status()).isEqualTo(400);
        assertThat(onlyConversation.field()).isEqualTo("conversation_id");
        ApiClient.Response missing = api.upload("/v1/files", ada.token(), new MultipartBody());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("file");

        ApiClient.Response two = api.upload(
                "/v1/files",
                ada.token(),
                new MultipartBody()
                        .file("file", "a.txt", "text/plain", "a".getBytes())
                        .file("file", "b.txt", "text/plain", "b".getBytes()));
        assertThat(two.status()).as(two.body()).isEqualTo(400);
        assertThat(two.field()).isEqualTo("file");

        HttpResponse<byte[]> malformed = api.bytes(
                "POST",
                "/v1/files",
                ada.token(),
                HttpRequest.BodyPublishers.ofString("--nope\r\nContent-Disposition: form-data; name=\"file\""),
                "Content-Type",
                "multipart/form-data; boundary=other");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(new String(malformed.body(), StandardCharsets.UTF_8)).contains("VALIDATION_ERROR");

        ApiClient.Response blocked = upload(ada, "setup.exe", "application/octet-stream", windowsExecutable());
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(415);
        assertThat(blocked.details().get("content_type").asString()).isEqualTo("application/x-msdownload");

        assertThat(call("GET", "/v1/files?per_page=0", ada).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/files?content_type=%27%3B--", ada).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/files/not-a-uuid", ada).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/files/" + UUID.randomUUID(), ada).status()).isEqualTo(404);
        assertThat(new ApiClient(port).get("/v1/files", null).status()).isEqualTo(401);
        assertThat(objectKeys("files/")).hasSize(before);
    }

    // --- limits and quota --------------------------------------------------------------------------------------

    @Test
    void theAdministratorsUploadLimitsApplyWithoutARestart() throws Exception {
        Person ada = person();
        AdministratorSettings settings = new AdministratorSettings(INJECT);
        try {
            settings.publish("files.max_upload_bytes", MB, "files.user_quota_bytes", 3 * MB);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> call("GET", "/v1/files/config", ada)
                                    .data()
                                    .get("max_upload_bytes")
                                    .asLong()
                            == MB);
            assertThat(call("GET", "/v1/files/config", ada)
                            .data()
                            .get("quota_bytes")
                            .asLong())
                    .isEqualTo(3 * MB);
            ApiClient.Response refused =
                    new ApiClient(port).upload("/v1/files", ada.token(), generated("two.bin", 2 * MB, 3));
            assertThat(refused.status()).as(refused.body()).isEqualTo(413);
            assertThat(refused.details().get("max_bytes").asLong()).isEqualTo(MB);
        } finally {
            // Back to what the other tests configured.
            settings.publish("files.max_upload_bytes", MAX_UPLOAD, "files.user_quota_bytes", QUOTA);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> call("GET", "/v1/files/config", ada)
                                    .data()
                                    .get("max_upload_bytes")
                                    .asLong()
                            == MAX_UPLOAD);
        }
    }

    @Test
    void theLimitCutsOffAnOversizedUploadAndLeavesNoObjectBehind() throws Exception {
        Person ada = person();
        int before = objectKeys("files/").size();
        int pendingBefore = jdbc.queryForObject("select count(*) from pending_object", Integer.class);
        long tooBig = MAX_UPLOAD + MB;

        // The server answers before the client has sent everything and then closes; now and then the close resets the
        // connection before the client has read the answer (seen once in ~30 runs). Either way the upload is refused,
        // and what is asserted below (nothing stored) holds.
        ApiClient.Response declared = refusedEarly(
                () -> new ApiClient(port).upload("/v1/files", ada.token(), generated("big.bin", tooBig, 7)));
        if (declared != null) {
            assertThat(declared.status())
                    .as("refused from its Content-Length: " + declared.body())
                    .isEqualTo(413);
            assertThat(declared.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(declared.details().get("reason").asString()).isEqualTo("file_too_large");
        }

        ApiClient.Response streamed = refusedEarly(() -> new ApiClient(port)
                .upload(
                        "/v1/files",
                        ada.token(),
                        generated("big.bin", tooBig, 7).chunked()));
        if (streamed != null) {
            assertThat(streamed.status())
                    .as("cut off while streaming: " + streamed.body())
                    .isEqualTo(413);
            assertThat(streamed.details().get("max_bytes").asLong()).isEqualTo(MAX_UPLOAD);
        }

        ApiClient.Response justFits = new ApiClient(port)
                .upload(
                        "/v1/files",
                        ada.token(),
                        generated("fits.bin", MAX_UPLOAD, 8).chunked());
        assertThat(justFits.status()).as(justFits.body()).isEqualTo(201);
        assertThat(justFits.data().get("sha256").asString()).isEqualTo(GeneratedBytes.sha256(MAX_UPLOAD, 8));

        assertThat(objectKeys("files/")).as("only the file that fit").hasSize(before + 1);
        assertThat(jdbc.queryForObject("select count(*) from pending_object", Integer.class))
                .as("nothing half-recorded")
                .isEqualTo(pendingBefore);
    }

    /** The answer, or null when the connection was reset before the answer could be read. */
    private static ApiClient.Response refusedEarly(java.util.function.Supplier<ApiClient.Response> upload) {
        try {
            return upload.get();
        } catch (java.io.UncheckedIOException reset) {
            return null;
        }
    }

    @Test
    void theQuotaIsCheckedBeforeBytesWhenTheLengthIsKnownAndWhileStreamingOtherwise() throws Exception {
        Person ada = person();
        ApiClient api = new ApiClient(port);
        String first = api.upload("/v1/files", ada.token(), generated("one.bin", 8 * MB, 1))
                .data()
                .get("id")
                .asString();
        assertThat(api.upload("/v1/files", ada.token(), generated("two.bin", 8 * MB, 2))
                        .status())
                .isEqualTo(201);

        ApiClient.Response declared = api.upload("/v1/files", ada.token(), generated("three.bin", 5 * MB, 3));
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(declared.details().get("reason").asString()).isEqualTo("quota_exceeded");
        assertThat(declared.details().get("used_bytes").asLong()).isEqualTo(16 * MB);

        ApiClient.Response streamed = api.upload(
                "/v1/files", ada.token(), generated("three.bin", 5 * MB, 3).chunked());
        assertThat(streamed.status()).as(streamed.body()).isEqualTo(413);
        assertThat(streamed.details().get("reason").asString()).isEqualTo("quota_exceeded");
        assertThat(call("GET", "/v1/files/config", ada).data().get("used_bytes").asLong())
                .isEqualTo(16 * MB);

        assertThat(call("DELETE", "/v1/files/" + first, ada).status()).isEqualTo(204);
        assertThat(call("GET", "/v1/files/config", ada).data().get("used_bytes").asLong())
                .isEqualTo(8 * MB);
        assertThat(api.upload("/v1/files", ada.token(), generated("three.bin", 5 * MB, 3))
                        .status())
                .as("room again after a delete")
                .isEqualTo(201);
    }

    // --- downloads -----------------------------------------------------------------------------------------------

    @Test
    void downloadsStreamRangesByteExactWithETagsAndSafeHeaders() throws Exception {
        Person ada = person();
        long size = 6 * MB + 123;
        ApiClient.Response uploaded =
                new ApiClient(port).upload("/v1/files", ada.token(), generated("data.bin", size, 42));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String path = "/v1/files/" + uploaded.data().get("id").asString() + "/download";

        HttpResponse<byte[]> whole = download(ada, path);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).hasSize((int) size);
        assertThat(sha256(whole.body())).isEqualTo(GeneratedBytes.sha256(size, 42));
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + GeneratedBytes.sha256(size, 42) + "\"");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"data.bin\"");

        long from = 5 * MB - 10;
        HttpResponse<byte[]> middle = download(ada, path, "Range", "bytes=" + from + "-" + (from + 99));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range"))
                .hasValue("bytes " + from + "-" + (from + 99) + "/" + size);
        assertThat(middle.body()).isEqualTo(GeneratedBytes.range(from, 100, 42));

        HttpResponse<byte[]> tail = download(ada, path, "Range", "bytes=-77");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(GeneratedBytes.range(size - 77, 77, 42));
        HttpResponse<byte[]> open = download(ada, path, "Range", "bytes=" + (size - 5) + "-");
        assertThat(open.body()).isEqualTo(GeneratedBytes.range(size - 5, 5, 42));

        for (String bad : List.of("bytes=" + size + "-", "bytes=99999999999-", "bytes=9-3", "bytes=abc")) {
            HttpResponse<byte[]> refused = download(ada, path, "Range", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(416);
            assertThat(refused.headers().firstValue("Content-Range")).hasValue("bytes */" + size);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("RANGE_NOT_SATISFIABLE");
        }
        HttpResponse<byte[]> notModified = download(ada, path, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        HttpResponse<byte[]> staleIfRange = download(ada, path, "Range", "bytes=0-9", "If-Range", "\"other\"");
        assertThat(staleIfRange.statusCode())
                .as("a changed validator gets the whole file")
                .isEqualTo(200);

        ApiClient.Response html = upload(
                ada,
                "page.html",
                "text/html",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.data().get("content_type").asString()).isEqualTo("text/html");
        HttpResponse<byte[]> served =
                download(ada, "/v1/files/" + html.data().get("id").asString() + "/download");
        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");

        ApiClient.Response unicode = upload(ada, "résumé \"final\".txt", "text/plain", "x".getBytes());
        HttpResponse<byte[]> named =
                download(ada, "/v1/files/" + unicode.data().get("id").asString() + "/download");
        assertThat(named.headers().firstValue("Content-Disposition"))
                .hasValue(
                        "attachment; filename=\"r_sum_ _final_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20_final_.txt");
    }

    // --- thumbnails ------------------------------------------------------------------------------------------------

    @Test
    void thumbnailsAreMadeAfterUploadTheRightWayUpAndBombsGetNone() throws Exception {
        Person ada = person();
        String png = upload(ada, "a.png", "image/png", TestImages.encode(TestImages.halves(800, 600), "png"))
                .data()
                .get("id")
                .asString();
        String jpeg = upload(ada, "b.jpg", "image/jpeg", TestImages.encode(TestImages.halves(300, 200), "jpg"))
                .data()
                .get("id")
                .asString();
        String gif = upload(ada, "c.gif", "image/gif", TestImages.animatedGif())
                .data()
                .get("id")
                .asString();
        String sideways = upload(ada, "d.jpg", "image/jpeg", TestImages.sidewaysJpeg())
                .data()
                .get("id")
                .asString();
        String bomb = upload(ada, "bomb.png", "image/png", TestImages.pngBomb())
                .data()
                .get("id")
                .asString();
        String text = upload(ada, "e.txt", "text/plain", "words".getBytes())
                .data()
                .get("id")
                .asString();

        BufferedImage pngThumb = thumbnail(ada, png);
        assertThat(Math.max(pngThumb.getWidth(), pngThumb.getHeight())).isEqualTo(400);
        assertThat(pngThumb.getWidth()).as("aspect ratio kept").isEqualTo(400);
        assertThat(pngThumb.getHeight()).isEqualTo(300);
        assertThat(thumbnail(ada, jpeg).getWidth()).as("never enlarged").isEqualTo(300);
        BufferedImage gifThumb = thumbnail(ada, gif);
        assertThat(gifThumb.getRGB(60, 40) & 0xFFFFFF)
                .as("the first frame, green")
                .satisfies(rgb -> {
                    assertThat((rgb >> 8) & 0xff).isGreaterThan(200);
                    assertThat((rgb >> 16) & 0xff).isLessThan(60);
                });
        BufferedImage upright = thumbnail(ada, sideways);
        assertThat(upright.getHeight()).as("portrait once turned").isGreaterThan(upright.getWidth());
        assertThat((upright.getRGB(upright.getWidth() / 2, 20) >> 16) & 0xff)
                .as("red on top")
                .isGreaterThan(200);
        assertThat(upright.getRGB(upright.getWidth() / 2, upright.getHeight() - 20) & 0xff)
                .as("blue below")
                .isGreaterThan(200);
        assertThat(call("GET", "/v1/files/" + sideways, ada)
                        .data()
                        .get("has_thumbnail")
                        .asBoolean())
                .isTrue();

        Awaitility.await()
                .atMost(WAIT)
                .until(() -> !"pending"
                        .equals(call("GET", "/v1/files/" + bomb, ada)
                                .data()
                                .get("thumbnail_status")
                                .asString()));
        JsonNode bombFile = call("GET", "/v1/files/" + bomb, ada).data();
        assertThat(bombFile.get("thumbnail_status").asString()).isEqualTo("too_large");
        assertThat(bombFile.get("has_thumbnail").asBoolean()).isFalse();
        assertThat(download(ada, "/v1/files/" + bomb + "/download").statusCode())
                .as("the bomb is still stored")
                .isEqualTo(200);
        ApiClient.Response noBombThumbnail = call("GET", "/v1/files/" + bomb + "/thumbnail", ada);
        assertThat(noBombThumbnail.status()).isEqualTo(404);
        assertThat(noBombThumbnail.details().get("reason").asString()).isEqualTo("too_large");
        ApiClient.Response noTextThumbnail = call("GET", "/v1/files/" + text + "/thumbnail", ada);
        assertThat(noTextThumbnail.status()).isEqualTo(404);
        assertThat(noTextThumbnail.details().get("reason").asString()).isEqualTo("not_an_image");
        assertThat(EVENTS.awaitOne("file.thumbnail-ready", png, WAIT)).isPresent();
    }

    // --- who may see what --------------------------------------------------------------------------------------------

    @Test
    void anotherUserGets404ForMetadataDownloadThumbnailShareAndDelete() throws Exception {
        Person ada = person();
        Person eve = person();
        String id = upload(ada, "private.png", "image/png", TestImages.encode(TestImages.halves(50, 50), "png"))
                .data()
                .get("id")
                .asString();
        thumbnail(ada, id);
        for (String[] request : List.of(
                new String[] {"GET", "/v1/files/" + id},
                new String[] {"GET", "/v1/files/" + id + "/download"},
                new String[] {"GET", "/v1/files/" + id + "/thumbnail"},
                new String[] {"POST", "/v1/files/" + id + "/share"},
                new String[] {"DELETE", "/v1/files/" + id + "/share"},
                new String[] {"DELETE", "/v1/files/" + id})) {
            ApiClient.Response refused = call(request[0], request[1], eve);
            assertThat(refused.status()).as(request[0] + " " + request[1]).isEqualTo(404);
            assertThat(refused.errorCode()).isEqualTo("NOT_FOUND");
        }
        assertThat(call("GET", "/v1/files/" + id, ada).status())
                .as("still there")
                .isEqualTo(200);
        Person admin = new Person(
                UUID.randomUUID(),
                TOKENS.token(
                        UUID.randomUUID(), c -> c.claim("realm_access", Map.of("roles", List.of("user", "admin")))));
        assertThat(call("GET", "/v1/files/" + id, admin).status())
                .as("admins see every file")
                .isEqualTo(200);
    }

    @Test
    void aChannelMemberReadsAnAttachedFileAndLosesAccessWhenRemoved() throws Exception {
        Person owner = person();
        Person member = person();
        Person guest = person();
        Person outsider = person();
        UUID channel = channel(owner, Map.of(member, "member", guest, "guest"));

        ApiClient.Response uploaded = new ApiClient(port)
                .upload("/v1/files?conversation_id=" + channel, owner.token(), text("plan.txt", "the plan"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.data().get("conversation_id").asString()).isEqualTo(channel.toString());
        String id = uploaded.data().get("id").asString();
        assertThat(call("GET", "/v1/files/" + id, member).status())
                .as("not shared until a message attaches it")
                .isEqualTo(404);

        UUID message = UUID.randomUUID();
        INJECT.publish(Topics.MESSAGES, MessageSent.TYPE.name(), channel.toString(), sent(message, channel, owner, id));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> call("GET", "/v1/files/" + id, member).status() == 200);
        assertThat(download(member, "/v1/files/" + id + "/download").body())
                .isEqualTo("the plan".getBytes(StandardCharsets.UTF_8));
        JsonNode shared =
                call("GET", "/v1/files?conversation_id=" + channel, member).json();
        assertThat(shared.get("data").valueStream().map(f -> f.get("id").asString()))
                .containsExactly(id);
        assertThat(call("GET", "/v1/files/" + id, outsider).status()).isEqualTo(404);
        assertThat(call("GET", "/v1/files?conversation_id=" + channel, outsider).status())
                .isEqualTo(404);
        assertThat(call("DELETE", "/v1/files/" + id, member).status())
                .as("a reader who is not the owner may not delete")
                .isEqualTo(403);
        assertThat(call("POST", "/v1/files/" + id + "/share", member).status()).isEqualTo(403);

        // uploading into the conversation: readers with upload_files only
        assertThat(new ApiClient(port)
                        .upload(
                                "/v1/files",
                                member.token(),
                                text("m.txt", "m").field("conversation_id", channel.toString()))
                        .status())
                .as("conversation_id as a field after the file")
                .isEqualTo(201);
        ApiClient.Response guestUpload =
                new ApiClient(port).upload("/v1/files?conversation_id=" + channel, guest.token(), text("g.txt", "g"));
        assertThat(guestUpload.status()).as("guests may not upload files here").isEqualTo(403);
        assertThat(guestUpload.field()).isEqualTo("conversation_id");
        assertThat(new ApiClient(port)
                        .upload("/v1/files?conversation_id=" + channel, outsider.token(), text("o.txt", "o"))
                        .status())
                .isEqualTo(404);
        assertThat(new ApiClient(port)
                        .upload("/v1/files?conversation_id=" + UUID.randomUUID(), owner.token(), text("u.txt", "u"))
                        .status())
                .isEqualTo(404);

        INJECT.publish(
                Topics.CHANNELS,
                ChannelMemberRemoved.TYPE.name(),
                channel.toString(),
                new ChannelMemberRemoved(channel, UUID.randomUUID(), member.id(), "removed", Instant.now()));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> call("GET", "/v1/files/" + id, member).status() == 404);
        assertThat(download(member, "/v1/files/" + id + "/download").statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/files?conversation_id=" + channel, member).status())
                .isEqualTo(404);

        INJECT.publish(
                Topics.MESSAGES,
                MessageDeleted.TYPE.name(),
                channel.toString(),
                new MessageDeleted(message, channel, 1, owner.id(), Instant.now()));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> call("GET", "/v1/files/" + id, guest).status() == 404);
    }

    @Test
    void dmParticipantsReadWhatIsAttachedInTheirDm() throws Exception {
        Person ada = person();
        Person bob = person();
        Person eve = person();
        UUID dm = UUID.randomUUID();
        INJECT.publish(
                Topics.MESSAGES,
                DmCreated.TYPE.name(),
                dm.toString(),
                new DmCreated(dm, List.of(ada.id(), bob.id()), ada.id(), Instant.now()));
        INJECT.awaitConsumed("file-service.dms", Topics.MESSAGES, WAIT);
        ApiClient.Response uploaded =
                new ApiClient(port).upload("/v1/files?conversation_id=" + dm, ada.token(), text("dm.txt", "psst"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String id = uploaded.data().get("id").asString();
        INJECT.publish(Topics.MESSAGES, MessageSent.TYPE.name(), dm.toString(), sent(UUID.randomUUID(), dm, ada, id));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> call("GET", "/v1/files/" + id, bob).status() == 200);
        assertThat(call("GET", "/v1/files/" + id, eve).status()).isEqualTo(404);
        assertThat(new ApiClient(port)
                        .upload("/v1/files?conversation_id=" + dm, eve.token(), text("x.txt", "x"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theInternalAccessCheckAnswersServicesOnly() throws Exception {
        Person ada = person();
        Person eve = person();
        String id = upload(ada, "x.txt", "text/plain", "x".getBytes())
                .data()
                .get("id")
                .asString();
        Person service = new Person(
                UUID.randomUUID(),
                TOKENS.token(UUID.randomUUID(), c -> c.claim("realm_access", Map.of("roles", List.of("service")))));
        JsonNode owner = call("GET", "/internal/files/" + id + "/access/" + ada.id(), service)
                .data();
        assertThat(owner.get("owner_id").asString()).isEqualTo(ada.id().toString());
        assertThat(owner.get("readable").asBoolean()).isTrue();
        assertThat(call("GET", "/internal/files/" + id + "/access/" + eve.id(), service)
                        .data()
                        .get("readable")
                        .asBoolean())
                .isFalse();
        assertThat(call("GET", "/internal/files/" + UUID.randomUUID() + "/access/" + ada.id(), service)
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/internal/files/" + id + "/access/" + ada.id(), ada)
                        .status())
                .as("a user's token, even the owner's")
                .isEqualTo(403);
    }

    // --- share links -------------------------------------------------------------------------------------------------

    @Test
    void aShareLinkWorksWithoutATokenUntilItExpiresIsRevokedOrItsFileDeleted() throws Exception {
        Person ada = person();
        String id = upload(ada, "shared.txt", "text/plain", "for everyone".getBytes())
                .data()
                .get("id")
                .asString();

        for (Object bad : List.of(
                Map.of("expires_in", 0),
                Map.of("expires_in", 604_801),
                Map.of("expires_in", "soon"),
                Map.of("expires_at", 5))) {
            ApiClient.Response refused = new ApiClient(port).post("/v1/files/" + id + "/share", ada.token(), bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
        }
        ApiClient.Response defaults = call("POST", "/v1/files/" + id + "/share", ada);
        assertThat(defaults.status()).as(defaults.body()).isEqualTo(201);
        assertThat(Instant.parse(defaults.data().get("expires_at").asString()))
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        String url = defaults.data().get("url").asString();
        assertThat(url).startsWith("http://gateway.example/v1/files/shared/");
        // For the audit log: who shared it, from where.
        JsonNode shared =
                EVENTS.awaitOne("file.shared", id, Duration.ofSeconds(20)).orElseThrow();
        assertThat(shared.get("data").get("shared_by").asString())
                .isEqualTo(ada.id().toString());
        assertThat(shared.get("actorid").asString()).isEqualTo(ada.id().toString());
        assertThat(shared.get("clientip").asString()).isEqualTo("127.0.0.1");
        assertThat(shared.get("useragent").asString()).startsWith("Java-http-client");
        assertThat(defaults.raw().headers().firstValue("Location")).hasValue(url);
        String path = URI.create(url).getPath();
        HttpResponse<byte[]> anonymous = new ApiClient(port).bytes("GET", path, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("for everyone".getBytes());
        assertThat(anonymous.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        assertThat(new ApiClient(port)
                        .bytes("GET", path, "a-stale-or-garbage-token", null)
                        .statusCode())
                .as("a token sent along anyway is ignored on the public route")
                .isEqualTo(200);
        String tampered = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA");
        assertThat(new ApiClient(port).bytes("GET", tampered, null, null).statusCode())
                .isEqualTo(404);

        String brief = URI.create(new ApiClient(port)
                        .post("/v1/files/" + id + "/share", ada.token(), Map.of("expires_in", 2))
                        .data()
                        .get("url")
                        .asString())
                .getPath();
        assertThat(new ApiClient(port).bytes("GET", brief, null, null).statusCode())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> new ApiClient(port).bytes("GET", brief, null, null).statusCode() == 404);

        assertThat(call("DELETE", "/v1/files/" + id + "/share", ada).status()).isEqualTo(204);
        assertThat(new ApiClient(port).bytes("GET", path, null, null).statusCode())
                .as("revoked")
                .isEqualTo(404);

        String again = URI.create(call("POST", "/v1/files/" + id + "/share", ada)
                        .data()
                        .get("url")
                        .asString())
                .getPath();
        assertThat(new ApiClient(port).bytes("GET", again, null, null).statusCode())
                .isEqualTo(200);
        assertThat(call("DELETE", "/v1/files/" + id, ada).status()).isEqualTo(204);
        assertThat(new ApiClient(port).bytes("GET", again, null, null).statusCode())
                .as("dead with its file")
                .isEqualTo(404);
    }

    // --- delete ------------------------------------------------------------------------------------------------------

    @Test
    void deletingRemovesTheObjectAndPublishesFileDeleted() throws Exception {
        Person ada = person();
        String id = upload(ada, "gone.png", "image/png", TestImages.encode(TestImages.halves(30, 30), "png"))
                .data()
                .get("id")
                .asString();
        thumbnail(ada, id);
        assertThat(call("DELETE", "/v1/files/" + id, ada).status()).isEqualTo(204);
        assertThat(call("GET", "/v1/files/" + id, ada).status()).isEqualTo(404);
        assertThat(download(ada, "/v1/files/" + id + "/download").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/v1/files/" + id, ada).status()).isEqualTo(404);
        JsonNode deleted =
                EVENTS.awaitOne("file.deleted", id, WAIT).orElseThrow().get("data");
        assertThat(deleted.get("deleted_by").asString()).isEqualTo(ada.id().toString());
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> objectKeys("files/").stream().noneMatch(k -> k.contains(id))
                        && objectKeys("thumbnails/").stream().noneMatch(k -> k.contains(id)));
    }

    // --- S3 down, orphans -----------------------------------------------------------------------------------------

    @Test
    void whenS3IsDownTheAnswerIs503AndNothingIsHalfRecorded() throws Exception {
        Person ada = person();
        String id = upload(ada, "kept.txt", "text/plain", "kept".getBytes())
                .data()
                .get("id")
                .asString();
        int rows = jdbc.queryForObject("select count(*) from stored_file", Integer.class);
        S3_PROXY.down();
        try {
            ApiClient.Response refused = upload(ada, "lost.txt", "text/plain", "lost".getBytes());
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(refused.details().get("reason").asString()).isEqualTo("storage_unavailable");
            assertThat(download(ada, "/v1/files/" + id + "/download").statusCode())
                    .isEqualTo(503);
            assertThat(call("GET", "/v1/files/" + id, ada).status())
                    .as("metadata needs no S3")
                    .isEqualTo(200);
        } finally {
            S3_PROXY.up();
        }
        assertThat(jdbc.queryForObject("select count(*) from stored_file", Integer.class))
                .isEqualTo(rows);
        assertThat(download(ada, "/v1/files/" + id + "/download").body()).isEqualTo("kept".getBytes());
        assertThat(upload(ada, "later.txt", "text/plain", "later".getBytes()).status())
                .isEqualTo(201);
    }

    @Test
    void orphanedObjectsAndExpiredSessionsAreSwept() throws Exception {
        Person ada = person();
        MinioClient client = MinioClient.builder()
                .endpoint(S3.endpoint())
                .credentials(S3.accessKey(), S3.secretKey())
                .build();
        // What a crashed upload leaves: an object in S3, written down as pending two hours ago, and no file row.
        String orphan = "files/" + UUID.randomUUID();
        client.putObject(io.minio.PutObjectArgs.builder().bucket(S3.bucket()).object(orphan).stream(
                        new ByteArrayInputStream(new byte[10]), 10, -1)
                .build());
        jdbc.update(
                "insert into pending_object (object_key, created_at) values (?, now() - interval '2 hours')", orphan);
        String session = new ApiClient(port)
                .post("/v1/files/uploads", ada.token(), Map.of("name", "left.bin", "size", 7 * MB))
                .data()
                .get("id")
                .asString();
        assertThat(putPart(ada, "/v1/files/uploads/" + session + "/parts/1", 0, 5 * MB, 5)
                        .statusCode())
                .isEqualTo(200);
        jdbc.update("update upload_session set expires_at = now() - interval '1 minute' where id = ?::uuid", session);

        Awaitility.await().atMost(WAIT).until(() -> !objectKeys("files/").contains(orphan));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "select count(*) from upload_session where id = ?::uuid", Integer.class, session)
                        == 0);
        assertThat(jdbc.queryForObject(
                        "select count(*) from pending_object where object_key = ?", Integer.class, orphan))
                .isZero();
    }

    // --- resumable uploads -------------------------------------------------------------------------------------

    @Test
    void aResumableUploadIsInterruptedResumedAndCompleted() throws Exception {
        Person ada = person();
        long size = 12 * MB + 345; // three parts of 5 MB
        long seed = 99;
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/v1/files/uploads", ada.token(), Map.of("name", "big.bin", "size", MAX_UPLOAD + 1))
                        .status())
                .isEqualTo(413);
        assertThat(api.post("/v1/files/uploads", ada.token(), Map.of("name", "x"))
                        .status())
                .isEqualTo(400);
        ApiClient.Response created =
                api.post("/v1/files/uploads", ada.token(), Map.of("name", "video.bin", "size", size));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String session = created.data().get("id").asString();
        assertThat(created.data().get("part_count").asInt()).isEqualTo(3);
        assertThat(created.data().get("part_size").asLong()).isEqualTo(5 * MB);
        String parts = "/v1/files/uploads/" + session + "/parts/";

        assertThat(putPart(ada, parts + 1, 0, 5 * MB, seed).statusCode()).isEqualTo(200);
        assertThat(putPart(ada, parts + 2, 5 * MB, 1000, seed).statusCode())
                .as("a part of the wrong length")
                .isEqualTo(400);
        interruptedPart(ada, parts + 2, 5 * MB, 5 * MB, seed);
        JsonNode afterCut = call("GET", "/v1/files/uploads/" + session, ada).data();
        assertThat(afterCut.get("received_parts").valueStream().map(JsonNode::asInt))
                .as("the cut part counts for nothing")
                .containsExactly(1);
        assertThat(afterCut.get("bytes_received").asLong()).isEqualTo(5 * MB);
        ApiClient.Response early = call("POST", "/v1/files/uploads/" + session + "/complete", ada);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.details().get("missing_parts").valueStream().map(JsonNode::asInt))
                .containsExactly(2, 3);
        assertThat(call("GET", "/v1/files/uploads/" + session, person()).status())
                .isEqualTo(404);

        assertThat(putPart(ada, parts + 3, 10 * MB, size - 10 * MB, seed).statusCode())
                .isEqualTo(200);
        assertThat(putPart(ada, parts + 2, 5 * MB, 5 * MB, seed).statusCode()).isEqualTo(200);
        ApiClient.Response completed = call("POST", "/v1/files/uploads/" + session + "/complete", ada);
        assertThat(completed.status()).as(completed.body()).isEqualTo(201);
        assertThat(completed.data().get("size").asLong()).isEqualTo(size);
        assertThat(completed.data().get("sha256").asString()).isEqualTo(GeneratedBytes.sha256(size, seed));
        assertThat(completed.data().get("name").asString()).isEqualTo("video.bin");
        String fileId = completed.data().get("id").asString();
        assertThat(download(ada, "/v1/files/" + fileId + "/download", "Range", "bytes=5242870-5242889")
                        .body())
                .as("across the seam of parts 1 and 2")
                .isEqualTo(GeneratedBytes.range(5 * MB - 10, 20, seed));
        assertThat(call("GET", "/v1/files/uploads/" + session, ada).status())
                .as("done and gone")
                .isEqualTo(404);

        String cancelled = api.post("/v1/files/uploads", ada.token(), Map.of("name", "c.bin", "size", 10))
                .data()
                .get("id")
                .asString();
        assertThat(call("DELETE", "/v1/files/uploads/" + cancelled, ada).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v1/files/uploads/" + cancelled, ada).status()).isEqualTo(404);
    }

    // --- a gigabyte through a 256 MB heap ------------------------------------------------------------------------

    @Test
    void aGigabyteIsStreamedByAFileServiceWhoseHeapIsCappedAt256Mb() throws Exception {
        Person ada = person();
        long size = 1024 * MB;
        long seed = 2026;
        try (HeapCappedFileService capped =
                HeapCappedFileService.start(TOKENS, S3, Infrastructure.postgres(), Infrastructure.kafka(), "256m")) {
            ApiClient.Response uploaded = new ApiClient(capped.port())
                    .upload("/v1/files", ada.token(), generated("gigabyte.bin", size, seed));
            long peakKb = capped.peakRssKb();
            System.out.printf("1 GiB upload into a 256 MB heap: peak RSS of that file-service %d MB%n", peakKb / 1024);
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            assertThat(uploaded.data().get("size").asLong()).isEqualTo(size);
            assertThat(uploaded.data().get("sha256").asString()).isEqualTo(GeneratedBytes.sha256(size, seed));
            String id = uploaded.data().get("id").asString();
            // That process redirects downloads to presigned S3 URLs, as production behind MinIO or S3 may.
            HttpResponse<byte[]> redirected =
                    new ApiClient(capped.port()).bytes("GET", "/v1/files/" + id + "/download", ada.token(), null);
            assertThat(redirected.statusCode()).isEqualTo(302);
            HttpResponse<byte[]> presigned = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(redirected
                                            .headers()
                                            .firstValue("Location")
                                            .orElseThrow()))
                                    .header("Range", "bytes=0-15")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(presigned.statusCode())
                    .as("a presigned URL needs no credentials")
                    .isEqualTo(206);
            assertThat(presigned.body()).isEqualTo(GeneratedBytes.range(0, 16, seed));
            assertThat(download(ada, "/v1/files/" + id + "/download", "Range", "bytes=-64")
                            .body())
                    .isEqualTo(GeneratedBytes.range(size - 64, 64, seed));
            assertThat(call("DELETE", "/v1/files/" + id, ada).status()).isEqualTo(204);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private Person person() {
        UUID id = UUID.randomUUID();
        return new Person(id, TOKENS.token(id));
    }

    /** A channel of a fresh organization with the owner as admin and the others in the given roles. */
    private UUID channel(Person owner, Map<Person, String> others) {
        UUID channel = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        Instant now = Instant.now();
        INJECT.publish(
                Topics.CHANNELS,
                ChannelCreated.TYPE.name(),
                channel.toString(),
                new ChannelCreated(channel, organization, "files", "private", "", owner.id(), DEFAULT_ROLES, now));
        INJECT.publish(
                Topics.CHANNELS,
                ChannelMemberAdded.TYPE.name(),
                channel.toString(),
                new ChannelMemberAdded(channel, organization, owner.id(), "admin", "admin", now));
        others.forEach((person, role) -> INJECT.publish(
                Topics.CHANNELS,
                ChannelMemberAdded.TYPE.name(),
                channel.toString(),
                new ChannelMemberAdded(channel, organization, person.id(), "member", role, now)));
        INJECT.awaitConsumed("file-service.channels", Topics.CHANNELS, WAIT);
        return channel;
    }

    private static MessageSent sent(UUID message, UUID conversation, Person author, String fileId) {
        return new MessageSent(
                message,
                conversation,
                "channel",
                null,
                1,
                author.id(),
                "see attached",
                null,
                0,
                List.of(UUID.fromString(fileId)),
                List.of(),
                List.of(),
                null,
                Instant.now());
    }

    private ApiClient.Response upload(Person who, String name, String contentType, byte[] bytes) {
        return new ApiClient(port)
                .upload("/v1/files", who.token(), new MultipartBody().file("file", name, contentType, bytes));
    }

    private static MultipartBody text(String name, String content) {
        return new MultipartBody().file("file", name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    private static MultipartBody generated(String name, long size, long seed) {
        Supplier<InputStream> bytes = () -> new GeneratedBytes(size, seed);
        return new MultipartBody().file("file", name, "application/octet-stream", bytes, size);
    }

    private ApiClient.Response call(String method, String path, Person caller) {
        return new ApiClient(port).send(method, path, caller.token(), null);
    }

    private HttpResponse<byte[]> download(Person who, String path, String... headers) {
        return new ApiClient(port).bytes("GET", path, who.token(), null, headers);
    }

    private BufferedImage thumbnail(Person who, String id) throws Exception {
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> call("GET", "/v1/files/" + id, who)
                        .data()
                        .get("has_thumbnail")
                        .asBoolean());
        HttpResponse<byte[]> thumbnail = download(who, "/v1/files/" + id + "/thumbnail");
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/");
        return ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
    }

    private HttpResponse<byte[]> putPart(Person who, String path, long from, long length, long seed) {
        return new ApiClient(port)
                .bytes(
                        "PUT",
                        path,
                        who.token(),
                        HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> slice(from, length, seed)), length),
                        "Content-Type",
                        "application/octet-stream");
    }

    /** A part whose connection breaks half-way: headers promise the whole part, half of it arrives. */
    private void interruptedPart(Person who, String path, long from, long length, long seed) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + who.token()
                            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            slice(from, length / 2, seed).transferTo(out);
            out.flush();
        }
        // The service notices the cut when its read fails; give it the moment.
        Awaitility.await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
    }

    private static InputStream slice(long from, long length, long seed) {
        return new InputStream() {
            private long at = from;

            @Override
            public int read() {
                return at < from + length ? GeneratedBytes.at(at++, seed) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= from + length) {
                    return -1;
                }
                int n = (int) Math.min(len, from + length - at);
                for (int i = 0; i < n; i++) {
                    b[off + i] = GeneratedBytes.at(at++, seed);
                }
                return n;
            }
        };
    }

    private static List<String> objectKeys(String prefix) throws Exception {
        MinioClient client = MinioClient.builder()
                .endpoint(S3.endpoint())
                .credentials(S3.accessKey(), S3.secretKey())
                .build();
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                .bucket(S3.bucket())
                .prefix(prefix)
                .recursive(true)
                .build())) {
            String key = item.get().objectName();
            if (!key.endsWith("/")) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static byte[] windowsExecutable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
