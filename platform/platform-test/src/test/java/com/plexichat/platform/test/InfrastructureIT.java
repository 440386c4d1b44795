package com.plexichat.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each component platform-test hands to service tests is real, works, and is shared per JVM. */
class InfrastructureIT {

    @Test
    void postgresIsOneSharedServerWithADatabasePerName() throws Exception {
        assertThat(Infrastructure.postgres()).isSameAs(Infrastructure.postgres());
        PostgresInfrastructure postgres = Infrastructure.postgres();

        for (String database : List.of("alpha-service", "beta-service")) {
            try (var connection = DriverManager.getConnection(
                            postgres.jdbcUrl(database), postgres.username(), postgres.password());
                    var rows = connection.createStatement().executeQuery("select current_database()")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo(database);
            }
        }
    }

    @Test
    void kafkaDeliversARecord() {
        String topic = "infra-it-" + UUID.randomUUID();
        String servers = Infrastructure.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
                var consumer = new KafkaConsumer<String, String>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "infra-it",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class))) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> consumer.poll(Duration.ofMillis(500)).count() == 1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keycloakServesThePlexichatRealmWithItsAdminClientAndAudience() throws Exception {
        KeycloakInfrastructure keycloak = Infrastructure.keycloak();
        String form = "grant_type=password&client_id=auth-service"
                + "&client_secret=" + URLEncoder.encode(keycloak.authClientSecret(), StandardCharsets.UTF_8)
                + "&username=admin&password="
                + URLEncoder.encode(keycloak.realmAdminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        String accessToken = json.readTree(response.body()).get("access_token").asString();
        JsonNode claims =
                json.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        assertThat(claims.get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.get("aud").toString()).contains("plexichat-api");
        assertThat(claims.get("realm_access").get("roles").toString()).contains("admin", "user");
    }

    @Test
    void s3StoresAndReturnsAnObject() throws Exception {
        S3Infrastructure s3 = Infrastructure.s3();
        MinioClient client = MinioClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .build();
        byte[] content = "file bytes".getBytes(StandardCharsets.UTF_8);

        client.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object("infra-it/hello.txt").stream(
                        new ByteArrayInputStream(content), content.length, -1)
                .contentType("text/plain")
                .build());
        try (var in = client.getObject(GetObjectArgs.builder()
                .bucket(s3.bucket())
                .object("infra-it/hello.txt")
                .build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void smtpDeliversToAReadableMailbox() throws Exception {
        MailInfrastructure mail = Infrastructure.mail();
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.smtpHost());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@plexichat.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.org"));
        message.setSubject("Verify your email");
        message.setText("Your code is 123456");

        Transport.send(message);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(mail.messagesFor("ada@example.org"))
                        .anySatisfy(m -> {
                            assertThat(m.subject()).isEqualTo("Verify your email");
                            assertThat(m.text()).contains("123456");
                        }));
    }
}
