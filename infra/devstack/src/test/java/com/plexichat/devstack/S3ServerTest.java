package com.plexichat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.devstack.process.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ServerTest {

    @TempDir
    Path dir;

    @Test
    void storesObjectsInTheBucketDirectoryAndChecksCredentials() throws Exception {
        Path base = dir.resolve("s3");
        var s3 = new S3Server(base, 0, "access", "secret-key-123", "plexichat-files");
        try (s3) {
            s3.start();
            var client = HttpClient.newHttpClient();

            var put = signed("PUT", "/plexichat-files/hello.txt", "secret-key-123", s3)
                    .PUT(HttpRequest.BodyPublishers.ofString("hi there"))
                    .build();
            assertThat(client.send(put, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);

            var get = signed("GET", "/plexichat-files/hello.txt", "secret-key-123", s3)
                    .GET()
                    .build();
            var response = client.send(get, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hi there");
            assertThat(Files.readString(base.resolve("plexichat-files").resolve("hello.txt")))
                    .isEqualTo("hi there");

            var forged = signed("GET", "/plexichat-files/hello.txt", "wrong", s3)
                    .GET()
                    .build();
            assertThat(client.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(403);
        }
        assertThat(Ports.accepts(s3.port())).isFalse();
    }

    /** AWS signature version 2: small enough to write by hand, and s3proxy accepts it. */
    private static HttpRequest.Builder signed(String method, String path, String secret, S3Server s3) throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC));
        String contentType = "text/plain";
        String toSign = method + "\n\n" + contentType + "\n" + date + "\n" + path;
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(s3.endpoint() + path))
                .header("Date", date)
                .header("Content-Type", contentType)
                .header("Authorization", "AWS " + s3.accessKey() + ":" + signature);
    }
}
