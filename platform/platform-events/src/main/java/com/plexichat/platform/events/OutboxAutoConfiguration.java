package com.plexichat.platform.events;

import com.plexichat.platform.api.RequestIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing through the transactional outbox and idempotent consumption, for every service with a
 * database. Absent where Spring Modulith and JDBC are (the gateway only consumes).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass({JdbcTemplate.class, EventExternalizationConfiguration.class, FlywayConfigurationCustomizer.class})
@EnableConfigurationProperties(EventsProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    EventPublisher plexichatEventPublisher(
            ApplicationEventPublisher publisher,
            JsonMapper mapper,
            JdbcTemplate jdbc,
            @Value("${spring.application.name:plexichat}") String applicationName) {
        return new EventPublisher(publisher, mapper, "plexichat/" + applicationName, jdbc);
    }

    @Bean
    ProcessedEvents plexichatProcessedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    AppliedVersions plexichatAppliedVersions(JdbcTemplate jdbc) {
        return new AppliedVersions(jdbc);
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
                .headers(OutboxAutoConfiguration::headers)
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

    /** {@code plexichat.outbox.pending}, bound to the registry by Boot's metrics auto-configuration. */
    @Bean
    OutboxMetrics plexichatOutboxMetrics(DataSource dataSource) {
        return new OutboxMetrics(dataSource);
    }

    /**
     * The outbox, processed-event and version tables come with the library, beside each service's own migrations.
     * Their versions (V0_n) sort before the service's, so a database that already has the service's migrations
     * takes a newer library's table out of order; the library's tables depend on nothing of the service's.
     */
    @Bean
    FlywayConfigurationCustomizer plexichatEventsMigrations() {
        return configuration -> {
            var locations = new ArrayList<>(List.of(configuration.getLocations()));
            locations.add(new Location("classpath:db/platform-events"));
            configuration.locations(locations.toArray(Location[]::new));
            configuration.outOfOrder(true);
        };
    }
}
