package com.plexichat.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.events.EventExamples;
import com.plexichat.platform.events.admin.ApiKeyRevoked;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.security.RevokedSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The contracts' examples, as they arrive from Kafka, end up in the deny-lists. */
class RevocationListenerTest {

    private static final JsonMapper API_JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final RevokedSessions sessions = new RevokedSessions(Duration.ofMinutes(10));
    private final RevokedApiKeys apiKeys = new RevokedApiKeys();
    private final RevocationListener listener = new RevocationListener(
            sessions,
            new RevocableSockets((exchange, handler) -> Mono.empty()),
            apiKeys,
            API_JSON,
            Duration.ofMinutes(10),
            true);

    @Test
    void theGatewayIsReadyOnlyOnceItsReadBackHasReachedTheEndOfEveryPartition() {
        TopicPartition auth = new TopicPartition("plexichat.auth", 0);
        TopicPartition admin = new TopicPartition("plexichat.admin", 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(auth, admin));
        consumer.updateEndOffsets(Map.of(auth, 40L, admin, 3L));
        consumer.seek(auth, 25);
        consumer.seek(admin, 3);
        assertThat(listener.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        listener.onIdle(idle(RevocationListener.LISTENER_ID + "-0", List.of(), consumer));
        assertThat(listener.health().getStatus())
                .as("nothing assigned yet: nothing read back either")
                .isEqualTo(Status.OUT_OF_SERVICE);
        listener.onIdle(idle(RevocationListener.LISTENER_ID + "-0", List.of(auth, admin), consumer));
        assertThat(listener.health().getStatus())
                .as("15 revocations of the look-back still unread")
                .isEqualTo(Status.OUT_OF_SERVICE);
        consumer.seek(auth, 40);
        listener.onIdle(idle("another-listener-0", List.of(auth, admin), consumer));
        assertThat(listener.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        listener.onIdle(idle(RevocationListener.LISTENER_ID + "-0", List.of(auth, admin), consumer));
        assertThat(listener.health().getStatus()).isEqualTo(Status.UP);
    }

    private static ListenerContainerIdleEvent idle(
            String listenerId, List<TopicPartition> partitions, MockConsumer<byte[], byte[]> consumer) {
        return new ListenerContainerIdleEvent(new Object(), new Object(), 300, listenerId, partitions, consumer, false);
    }

    @Test
    void aRevokedSessionRefusesTokensOfThatSessionOnly() {
        var example = EventExamples.envelope(SessionRevoked.TYPE);
        SessionRevoked revoked = example.dataAs(SessionRevoked.TYPE, API_JSON);

        listener.on(API_JSON.writeValueAsBytes(example));

        assertThat(sessions.isRevoked(token(revoked.userId(), revoked.sessionId(), Instant.now())))
                .isTrue();
        assertThat(sessions.isRevoked(token(revoked.userId(), "another-session", Instant.now())))
                .isFalse();
    }

    @Test
    void revokingEverySessionOfAUserRefusesTokensIssuedUntilThenButNotLaterLogins() {
        UUID user = UUID.randomUUID();
        Instant revokedAt = Instant.now().minusSeconds(60);
        sessions.revoke(new SessionRevoked(user, null, revokedAt));

        assertThat(sessions.isRevoked(token(user, "s1", revokedAt.minusSeconds(30))))
                .isTrue();
        assertThat(sessions.isRevoked(token(user, "s2", revokedAt.plusSeconds(30))))
                .isFalse();
    }

    @Test
    void aSuspensionAlsoRefusesTokensIssuedInTheSecondOfTheRevocation() {
        UUID user = UUID.randomUUID();
        Instant revokedAt = Instant.parse("2026-12-01T10:00:00.600Z");
        Instant sameSecond = Instant.parse("2026-12-01T10:00:00Z");
        sessions.revoke(new SessionRevoked(user, null, revokedAt, SessionRevoked.PASSWORD_CHANGED));
        assertThat(sessions.isRevoked(token(user, "s1", sameSecond)))
                .as("a password change lets the new login of that second through")
                .isFalse();

        sessions.revoke(new SessionRevoked(user, null, revokedAt, SessionRevoked.SUSPENDED));
        assertThat(sessions.isRevoked(token(user, "s1", sameSecond))).isTrue();
        assertThat(sessions.isRevoked(token(user, "s2", revokedAt.plusSeconds(2))))
                .as("a login after a re-activation")
                .isFalse();
    }

    @Test
    void aRevokedApiKeyIsRemembered() {
        var example = EventExamples.envelope(ApiKeyRevoked.TYPE);

        listener.on(API_JSON.writeValueAsBytes(example));

        assertThat(apiKeys.isRevoked(
                        example.dataAs(ApiKeyRevoked.TYPE, API_JSON).keyId()))
                .isTrue();
    }

    @Test
    void eventsOfOtherTypesAreIgnored() {
        listener.on(("{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"user.registered\",\"data\":{\"user_id\":\""
                        + UUID.randomUUID() + "\"},\"extra\":1}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Jwt token(UUID user, String sid, Instant issuedAt) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject(user.toString())
                .claim("sid", sid)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plusSeconds(300))
                .audience(List.of("plexichat-api"))
                .claims(c -> c.putAll(Map.of("typ", "Bearer")))
                .build();
    }
}
