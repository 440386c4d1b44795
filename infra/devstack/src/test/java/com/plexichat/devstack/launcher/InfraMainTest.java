package com.plexichat.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.devstack.process.Ports;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraMainTest {

    @TempDir
    Path home;

    @Test
    void servesHealthAndMailboxAndCreatesTheServiceDatabases() throws Exception {
        Map<String, Integer> ports = Map.of(
                "port", Ports.free(),
                "postgres-port", Ports.free(),
                "kafka-port", Ports.free(),
                "kafka-controller-port", Ports.free(),
                "smtp-port", Ports.free(),
                "imap-port", Ports.free());
        var infra = new InfraMain(home, ports);
        var http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + ports.get("port");
        try {
            infra.start();

            var health = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .isEqualTo("{\"status\":\"UP\",\"postgres\":\"UP\",\"kafka\":\"UP\",\"smtp\":\"UP\"}");

            for (String database : InfraMain.DATABASES) {
                String url = "jdbc:postgresql://127.0.0.1:" + ports.get("postgres-port") + "/" + database;
                try (var connection = DriverManager.getConnection(url, "postgres", "postgres")) {
                    assertThat(connection.isValid(2)).isTrue();
                }
            }

            var properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", ports.get("smtp-port").toString());
            var message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("noreply@plexichat.local"));
            message.setRecipients(MimeMessage.RecipientType.TO, "dev@example.com");
            message.setSubject("Reset \"your\" password");
            message.setText("Line one\nhttps://example.com/reset?token=abc");
            Transport.send(message);

            String mail = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/mail")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(mail)
                    .contains("\"from\":\"noreply@plexichat.local\"")
                    .contains("\"to\":[\"dev@example.com\"]")
                    .contains("\"subject\":\"Reset \\\"your\\\" password\"")
                    .contains("\"text\":\"Line one\\nhttps://example.com/reset?token=abc\"")
                    .contains("\"received_at\":\"");

            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/mail")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/mail"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()
                            .strip())
                    .isEqualTo("[]");
        } finally {
            infra.stop();
        }
        assertThat(Ports.accepts(ports.get("postgres-port"))).isFalse();
        assertThat(Ports.accepts(ports.get("kafka-port"))).isFalse();
    }
}
