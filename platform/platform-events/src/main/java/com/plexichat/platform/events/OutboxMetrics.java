package com.plexichat.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code plexichat.outbox.pending}: event publications written but not yet completed. A number that keeps growing
 * means the events of committed changes are not reaching Kafka (broker away, the retrier not catching up), which no
 * request error shows. Every replica of a service counts the same table, so dashboards take the max per application.
 *
 * <p>Counted per scrape: with {@code completion-mode=delete} the table holds only what is still pending, so the count
 * is cheap. A failed or slow query is NaN for that scrape, never an error of the whole {@code /actuator/prometheus}.
 */
final class OutboxMetrics implements MeterBinder {

    static final String PENDING = "plexichat.outbox.pending";

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final JdbcTemplate jdbc;

    OutboxMetrics(DataSource dataSource) {
        // A template of its own: the scrape gives up after 2 s instead of waiting as long as a business query may.
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(2);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PENDING, this, OutboxMetrics::pending)
                .description("Outbox event publications not yet completed (sent to Kafka)")
                .strongReference(true)
                .register(registry);
    }

    double pending() {
        try {
            Long pending = jdbc.queryForObject(
                    "select count(*) from event_publication where completion_date is null", Long.class);
            return pending == null ? Double.NaN : pending;
        } catch (RuntimeException e) {
            log.debug("Could not count pending outbox publications", e);
            return Double.NaN;
        }
    }
}
