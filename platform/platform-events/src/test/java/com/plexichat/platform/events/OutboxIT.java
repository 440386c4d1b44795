package com.plexichat.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plexichat.platform.events.OutboxTestApplication.Notes;
import com.plexichat.platform.test.KafkaInfrastructure;
import com.plexichat.platform.test.KafkaTestConfiguration;
import com.plexichat.platform.test.PostgresTestConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        classes = OutboxTestApplication.class,
        properties = {
            "spring.application.name=outbox-it",
            "plexichat.events.retry-interval=1s",
            "plexichat.events.consumer-retries=1",
            "plexichat.events.consumer-backoff=100ms",
            // Give up on a send quickly, so the outage test sees the outbox (not the producer's buffer) keep the event.
            "spring.kafka.producer.properties.max.block.ms=1000",
            "spring.kafka.producer.properties.request.timeout.ms=1000",
            "spring.kafka.producer.properties.delivery.timeout.ms=2000",
            "spring.kafka.producer.properties.linger.ms=0"
        })
@Import({PostgresTestConfiguration.class, KafkaTestConfiguration.class})
class OutboxIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Autowired
    Notes notes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaInfrastructure kafka;

    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;

    @Autowired
    JsonMapper mapper;

    @Autowired
    MeterRegistry meters;

    @Test
    void anEventWrittenWhileTheBrokerIsDownReachesItsConsumerOnceTheBrokerIsBack() throws Exception {
        awaitReceived(notes.create("before the outage"));

        kafka.stopBroker();
        UUID duringOutage;
        try {
            duringOutage = notes.create("written while Kafka is down");
            assertThat(jdbc.queryForObject("select count(*) from note where id = ?", Integer.class, duringOutage))
                    .as("the business change commits although Kafka is down")
                    .isEqualTo(1);
            assertThat(receivedCount(duringOutage)).isZero();
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                    "select count(*) from event_publication where status = 'FAILED'", Integer.class))
                            .as("the send failed and the outbox still holds the event")
                            .isEqualTo(1));
            assertThat(pending()).as("operators see it waiting").isGreaterThanOrEqualTo(1);
        } finally {
            kafka.startBroker();
        }

        awaitReceived(duringOutage);
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(jdbc.queryForObject("select count(*) from event_publication", Integer.class))
                                .as("nothing left in the outbox")
                                .isZero());
        assertThat(pending()).isZero();

        // A second delivery of the same event (a retry after a lost acknowledgement) has no effect.
        String stored =
                jdbc.queryForObject("select event_id from received_note where note_id = ?", String.class, duringOutage);
        EventEnvelope duplicate = new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                stored,
                "note.created",
                "plexichat/outbox-it",
                "2026-01-01T00:00:00Z",
                duringOutage.toString(),
                "application/json",
                null,
                null,
                null,
                null,
                null,
                mapper.valueToTree(Map.of("note_id", duringOutage.toString(), "text", "written while Kafka is down")),
                null);
        kafkaTemplate
                .send(new ProducerRecord<>(
                        OutboxTestApplication.TOPIC, duringOutage.toString(), mapper.writeValueAsBytes(duplicate)))
                .get();
        awaitReceived(notes.create("after the duplicate")); // one partition: the duplicate was consumed first

        assertThat(receivedCount(duringOutage)).as("exactly once in effect").isEqualTo(1);
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        UUID rolledBack = UUID.randomUUID();
        assertThatThrownBy(() -> notes.createThenFail(rolledBack, "never happened"))
                .isInstanceOf(IllegalStateException.class);

        awaitReceived(notes.create("after the rollback"));

        assertThat(receivedCount(rolledBack)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from note where id = ?", Integer.class, rolledBack))
                .isZero();
    }

    @Test
    void aRecordTheConsumerCannotReadGoesToTheDeadLetterTopicAndIsCounted() throws Exception {
        double deadLetteredBefore = deadLettered();
        assertThat(deadLetteredBefore)
                .as("counted from 0 for a topic the process consumes")
                .isNotNaN();
        String key = "poison-" + UUID.randomUUID();
        kafkaTemplate
                .send(new ProducerRecord<>(
                        OutboxTestApplication.TOPIC, key, "{not json".getBytes(StandardCharsets.UTF_8)))
                .get();

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.deadLetter(OutboxTestApplication.TOPIC)));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return true;
                    }
                }
                return false;
            });
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1));
        // The consumer went on: later events are still applied.
        awaitReceived(notes.create("after the poison record"));
    }

    private double pending() {
        return meters.get(OutboxMetrics.PENDING).gauge().value();
    }

    /** NaN until the counter exists. */
    private double deadLettered() {
        var counter = meters.find(DeadLetterRecoverer.DEAD_LETTERED)
                .tag("topic", OutboxTestApplication.TOPIC)
                .counter();
        return counter == null ? Double.NaN : counter.count();
    }

    private void awaitReceived(UUID id) {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(receivedCount(id)).isEqualTo(1));
    }

    private int receivedCount(UUID id) {
        return jdbc.queryForObject("select count(*) from received_note where note_id = ?", Integer.class, id);
    }
}
