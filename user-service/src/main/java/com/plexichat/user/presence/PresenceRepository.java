package com.plexichat.user.presence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PresenceRepository {

    record Row(
            UUID userId,
            String autoStatus,
            String manualStatus,
            String customText,
            String customEmoji,
            Instant expiresAt,
            Instant lastActiveAt) {}

    private final JdbcClient jdbc;

    PresenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(UUID userId) {
        return jdbc.sql("""
                        select user_id, auto_status, manual_status, custom_text, custom_emoji, expires_at, last_active_at
                        from presence where user_id = ?
                        """).param(userId).query(PresenceRepository::row).optional();
    }

    void save(Row row, Instant now) {
        jdbc.sql("""
                        insert into presence (user_id, auto_status, manual_status, custom_text, custom_emoji, expires_at,
                                              last_active_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (user_id) do update set auto_status = excluded.auto_status,
                            manual_status = excluded.manual_status, custom_text = excluded.custom_text,
                            custom_emoji = excluded.custom_emoji, expires_at = excluded.expires_at,
                            last_active_at = excluded.last_active_at, updated_at = excluded.updated_at
                        """)
                .params(
                        row.userId(),
                        row.autoStatus(),
                        row.manualStatus(),
                        row.customText(),
                        row.customEmoji(),
                        timestamp(row.expiresAt()),
                        timestamp(row.lastActiveAt()),
                        Timestamp.from(now))
                .update();
    }

    void openConnection(String connectionId, UUID userId, String instanceId, Instant at) {
        jdbc.sql("""
                        insert into presence_connection (connection_id, user_id, instance_id, opened_at)
                        values (?, ?, ?, ?) on conflict do nothing
                        """)
                .params(connectionId, userId, instanceId, Timestamp.from(at))
                .update();
    }

    void closeConnection(String connectionId) {
        jdbc.sql("delete from presence_connection where connection_id = ?")
                .param(connectionId)
                .update();
    }

    long connections(UUID userId) {
        return jdbc.sql("select count(*) from presence_connection where user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** Manual statuses whose time is up: they end (text and emoji with them), the automatic one shows again. */
    List<UUID> expire(Instant now) {
        return jdbc.sql("""
                        update presence set manual_status = null, custom_text = null, custom_emoji = null,
                            expires_at = null, updated_at = ?
                        where expires_at is not null and expires_at <= ?
                        returning user_id
                        """)
                .params(Timestamp.from(now), Timestamp.from(now))
                .query(UUID.class)
                .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("user_id", UUID.class),
                rs.getString("auto_status"),
                rs.getString("manual_status"),
                rs.getString("custom_text"),
                rs.getString("custom_emoji"),
                rs.getTimestamp("expires_at") == null
                        ? null
                        : rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("last_active_at") == null
                        ? null
                        : rs.getTimestamp("last_active_at").toInstant());
    }
}
