package com.plexichat.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that failed every retry to {@code <topic>.DLT} and counts it in {@code
 * plexichat.events.dead-lettered} (tag {@code topic}: the topic it came from). A dead letter is an event a consumer
 * never applied, which someone has to look at; the log line alone is easy to miss, a counter can raise an alert.
 */
class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    static final String DEAD_LETTERED = "plexichat.events.dead-lettered";

    /** Looked up per dead letter: a process without actuator has no registry, and dead letters are rare. */
    private final ObjectProvider<MeterRegistry> meters;

    DeadLetterRecoverer(KafkaOperations<?, ?> kafka, ObjectProvider<MeterRegistry> meters) {
        super(kafka, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        this.meters = meters;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
        // Throws when the send to the DLT fails (the error handler tries again later): only a sent record counts.
        super.accept(record, consumer, exception);
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            registry.counter(DEAD_LETTERED, "topic", record.topic()).increment();
        }
    }

    /**
     * Starts the counters of the topics this process consumes at 0. A counter that first appears at 1 looks like no
     * increase to Prometheus, so the first dead letter of a topic would raise no alert.
     */
    static void register(MeterRegistry registry, Collection<String> topics) {
        topics.forEach(topic -> registry.counter(DEAD_LETTERED, "topic", topic));
    }
}
