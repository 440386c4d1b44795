package com.plexichat.admin.stats;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The statistics' read model: one small table per thing counted (JdbcClient: upserts and counters). */
@Repository
class StatsModel {

    record Totals(long organizations, long channels, long dms, long files, long fileBytes) {}

    private final JdbcClient jdbc;

    StatsModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void organization(UUID id, Instant at) {
        jdbc.sql("insert into stats_organization (id, created_at) values (?, ?) on conflict do nothing")
                .params(id, Timestamp.from(at))
                .update();
    }

    void organizationDeleted(UUID id) {
        // Its channels go by their own channel.deleted (channel-service announces each): the two topics are not
        // ordered with each other, so a cascade here could run before a channel's creation arrives.
        jdbc.sql("delete from stats_organization where id = ?").param(id).update();
    }

    void channel(UUID id, UUID organizationId, Instant at) {
        jdbc.sql("insert into stats_channel (id, organization_id, created_at) values (?, ?, ?) on conflict do nothing")
                .params(id, organizationId, Timestamp.from(at))
                .update();
    }

    void channelDeleted(UUID id) {
        jdbc.sql("delete from stats_channel where id = ?").param(id).update();
    }

    void dm(UUID id, Instant at) {
        jdbc.sql("insert into stats_dm (id, created_at) values (?, ?) on conflict do nothing")
                .params(id, Timestamp.from(at))
                .update();
    }

    void message(Instant at) {
        jdbc.sql("""
                        insert into stats_message_day (day, messages) values (?, 1)
                        on conflict (day) do update set messages = stats_message_day.messages + 1
                        """)
                .param(Date.valueOf(LocalDate.ofInstant(at, ZoneOffset.UTC)))
                .update();
    }

    void file(UUID id, long size, Instant at) {
        jdbc.sql("insert into stats_file (id, size, uploaded_at) values (?, ?, ?) on conflict do nothing")
                .params(id, size, Timestamp.from(at))
                .update();
    }

    void fileDeleted(UUID id) {
        jdbc.sql("delete from stats_file where id = ?").param(id).update();
    }

    void connectionOpened(String id, UUID userId, String instanceId, Instant at) {
        jdbc.sql("""
                        insert into stats_connection (id, user_id, instance_id, opened_at) values (?, ?, ?, ?)
                        on conflict do nothing
                        """).params(id, userId, instanceId, Timestamp.from(at)).update();
    }

    void connectionClosed(String id) {
        jdbc.sql("delete from stats_connection where id = ?").param(id).update();
    }

    Totals totals() {
        return jdbc.sql("""
                        select (select count(*) from stats_organization) as organizations,
                               (select count(*) from stats_channel) as channels,
                               (select count(*) from stats_dm) as dms,
                               (select count(*) from stats_file) as files,
                               (select coalesce(sum(size), 0) from stats_file) as file_bytes
                        """)
                .query((rs, n) -> new Totals(
                        rs.getLong("organizations"),
                        rs.getLong("channels"),
                        rs.getLong("dms"),
                        rs.getLong("files"),
                        rs.getLong("file_bytes")))
                .single();
    }

    /** Messages per UTC day from {@code from} on (days without any are absent). */
    Map<LocalDate, Long> messagesPerDay(LocalDate from) {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        jdbc.sql("select day, messages from stats_message_day where day >= ? order by day")
                .param(Date.valueOf(from))
                .query(rs -> {
                    days.put(rs.getDate("day").toLocalDate(), rs.getLong("messages"));
                });
        return days;
    }

    long connections() {
        return jdbc.sql("select count(*) from stats_connection")
                .query(Long.class)
                .single();
    }
}
