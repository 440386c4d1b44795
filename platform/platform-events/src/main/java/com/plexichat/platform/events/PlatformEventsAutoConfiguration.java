package com.plexichat.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consuming events, for every process that listens to Kafka (the services and the gateway): retries
 * then a dead-letter topic, and the request id in the consumer's logs. Publishing through the outbox
 * is {@link OutboxAutoConfiguration}, for processes with a database.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(EventsProperties.class)
public class PlatformEventsAutoConfiguration {

    /**
     * Retries with back-off, then the record goes to {@code <topic>.DLT} (and is counted): never dropped. An event
     * from a service that does not produce its type goes there at once.
     */
    @Bean
    CommonErrorHandler plexichatKafkaErrorHandler(
            KafkaOperations<Object, Object> kafka, EventsProperties properties, ObjectProvider<MeterRegistry> meters) {
        DeadLetterRecoverer recoverer = new DeadLetterRecoverer(kafka, meters);
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.consumerRetries());
        backOff.setInitialInterval(properties.consumerBackoff().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // A forged event is refused the same way every time: straight to the DLT, where it shows.
        handler.addNotRetryableExceptions(ForgedEventException.class);
        return handler;
    }

    /** The dead-letter counters of every topic this process listens to, at 0 from the start. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> plexichatDeadLetterCounters(
            ObjectProvider<KafkaListenerEndpointRegistry> listeners, ObjectProvider<MeterRegistry> meters) {
        return ready -> {
            MeterRegistry registry = meters.getIfAvailable();
            KafkaListenerEndpointRegistry containers = listeners.getIfAvailable();
            if (registry == null || containers == null) {
                return;
            }
            DeadLetterRecoverer.register(
                    registry,
                    containers.getListenerContainers().stream()
                            .map(c -> c.getContainerProperties().getTopics())
                            .filter(Objects::nonNull)
                            .flatMap(Arrays::stream)
                            .distinct()
                            .toList());
        };
    }

    @Bean
    EphemeralEvents plexichatEphemeralEvents(
            KafkaOperations<Object, Object> kafka,
            JsonMapper mapper,
            @Value("${spring.application.name:plexichat}") String applicationName) {
        return new EphemeralEvents(kafka, mapper, "plexichat/" + applicationName);
    }

    /** Listeners' handlers; recording first deliveries where there is a database (ProcessedEvents). */
    @Bean
    ConsumedEvents plexichatConsumedEvents(
            ObjectProvider<ProcessedEvents> processed, ObjectProvider<AppliedVersions> versions, JsonMapper mapper) {
        return new ConsumedEvents(processed, versions, mapper);
    }

    @Bean
    RecordInterceptor<Object, Object> plexichatRequestIdRecordInterceptor() {
        return new RequestIdRecordInterceptor();
    }
}
