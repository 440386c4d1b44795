package com.plexichat.platform.events;

import com.plexichat.platform.api.RequestIds;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import tools.jackson.databind.json.JsonMapper;

/** Event plumbing for every service: outbox publishing, retries, DLT, idempotent consumption. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(EventsProperties.class)
public class PlatformEventsAutoConfiguration {

    @Bean
    EventPublisher plexichatEventPublisher(
            ApplicationEventPublisher publisher,
            JsonMapper mapper,
            @Value("${spring.application.name:plexichat}") String applicationName) {
        return new EventPublisher(publisher, mapper, "plexichat/" + applicationName);
    }

    @Bean
    ProcessedEvents plexichatProcessedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    EventExternalizationConfiguration plexichatEventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(OutboxEvent.class)
                .route(
                        OutboxEvent.class,
                        e -> RoutingTarget.forTarget(e.topic())
                                .andKey(e.envelope().subject()))
                .mapping(OutboxEvent.class, OutboxEvent::envelope)
                .headers(PlatformEventsAutoConfiguration::headers)
                .build();
    }

    private static Map<String, Object> headers(Object event) {
        EventEnvelope envelope = event instanceof OutboxEvent outbox ? outbox.envelope() : (EventEnvelope) event;
        Map<String, Object> headers = new HashMap<>();
        headers.put("ce_id", envelope.id());
        headers.put("ce_type", envelope.type());
        headers.put("ce_source", envelope.source());
        if (envelope.requestid() != null) {
            headers.put(RequestIds.HEADER, envelope.requestid());
        }
        return headers;
    }

    @Bean
    OutboxRetrier plexichatOutboxRetrier(FailedEventPublications failed, EventsProperties properties) {
        return new OutboxRetrier(failed, properties);
    }

    /** Retries with back-off, then the record goes to {@code <topic>.DLT}: never dropped. */
    @Bean
    CommonErrorHandler plexichatKafkaErrorHandler(KafkaOperations<Object, Object> kafka, EventsProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.consumerRetries());
        backOff.setInitialInterval(properties.consumerBackoff().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(recoverer, backOff);
    }

    @Bean
    RecordInterceptor<Object, Object> plexichatRequestIdRecordInterceptor() {
        return new RequestIdRecordInterceptor();
    }

    /** The outbox and processed-event tables come with the library, beside each service's own migrations. */
    @Bean
    FlywayConfigurationCustomizer plexichatEventsMigrations() {
        return configuration -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(configuration.getLocations()));
            locations.add(new org.flywaydb.core.api.Location("classpath:db/platform-events"));
            configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
        };
    }
}
