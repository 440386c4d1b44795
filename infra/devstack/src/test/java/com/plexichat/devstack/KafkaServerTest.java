package com.plexichat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.devstack.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerTest {

    @TempDir
    Path dir;

    @Test
    void survivesStopAndStartWithItsData() throws Exception {
        try (var kafka = new KafkaServer(dir.resolve("kafka"), 0, 0)) {
            kafka.start();
            produce(kafka, "first");
            assertThat(consumeAll(kafka, "group-1")).containsExactly("first");

            kafka.stop();
            assertThat(Ports.accepts(kafka.port())).isFalse();

            kafka.start();
            produce(kafka, "second");
            assertThat(consumeAll(kafka, "group-2")).containsExactly("first", "second");
        }
    }

    private static void produce(KafkaServer kafka, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                30_000))) {
            producer.send(new ProducerRecord<>("devstack-test", value)).get();
        }
    }

    private static List<String> consumeAll(KafkaServer kafka, String group) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of("devstack-test"));
            var values = new ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                if (!values.isEmpty()
                        && consumer.assignment().stream()
                                .allMatch(tp -> consumer.position(tp)
                                        >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
            return values;
        }
    }
}
