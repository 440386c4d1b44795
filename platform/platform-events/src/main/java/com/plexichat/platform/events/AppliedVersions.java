package com.plexichat.platform.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The newest {@link EventEnvelope#subjectversion} each consumer applied to each part of an aggregate, written in the
 * consumer's transaction: an event older than one already applied to the same part (an outbox retry that arrives
 * after a later change) is ignored rather than undoing it.
 */
public class AppliedVersions {

    private final JdbcTemplate jdbc;

    public AppliedVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true, and recorded, when {@code version} is newer than every one applied to the part before */
    public boolean advance(String consumer, String aggregate, long version) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Record applied versions inside the consumer's transaction");
        }
        return jdbc.update("""
                        insert into applied_version (consumer, aggregate, version) values (?, ?, ?)
                        on conflict (consumer, aggregate) do update set version = excluded.version
                        where applied_version.version < excluded.version
                        """, consumer, aggregate, version) == 1;
    }

    /** Whether any version was applied to the part. */
    public boolean seen(String consumer, String aggregate) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from applied_version where consumer = ? and aggregate = ?)",
                Boolean.class,
                consumer,
                aggregate));
    }
}
