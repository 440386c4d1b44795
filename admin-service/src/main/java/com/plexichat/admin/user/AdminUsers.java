package com.plexichat.admin.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The user replica, in SQL: upserts from events (applied in any order, each once), prefix search over two columns
 * with array filters, and the status this service owns.
 */
@Repository
class AdminUsers {

    record Row(
            UUID id,
            String username,
            String email,
            String displayName,
            String status,
            String statusReason,
            List<String> roles,
            Instant createdAt,
            Instant lastActiveAt) {}

    private static final String COLUMNS =
            "id, username, email, display_name, status, status_reason, roles, created_at, last_active_at";

    private final JdbcClient jdbc;

    AdminUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void registered(UUID id, String username, String email, String displayName, Instant at) {
        jdbc.sql("""
                        insert into admin_user (id, username, email, display_name, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set username = excluded.username, email = excluded.email,
                            display_name = excluded.display_name, created_at = excluded.created_at
                        """)
                .params(id, username, email, displayName, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    /** A status from an event for a user not seen yet (its registration still on the way) is kept too. */
    void status(UUID id, String status, String reason, Instant at) {
        jdbc.sql("""
                        insert into admin_user (id, username, status, status_reason, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set status = excluded.status, status_reason = excluded.status_reason,
                            updated_at = excluded.updated_at
                        where admin_user.status <> 'deleted'
                        """)
                .params(id, "unknown:" + id, status, reason, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    void deleted(UUID id, Instant at) {
        status(id, "deleted", null, at);
        jdbc.sql("update admin_user set email = null where id = ?").param(id).update();
    }

    void lastActive(UUID id, Instant at) {
        jdbc.sql("""
                        update admin_user set last_active_at = greatest(coalesce(last_active_at, ?), ?)
                        where id = ?
                        """).params(Timestamp.from(at), Timestamp.from(at), id).update();
    }

    /** Users not deleted; of them, active since each instant, and suspended. */
    UserStatistics.Counts counts(Instant activeSinceDay, Instant activeSinceWeek) {
        return jdbc.sql("""
                        select count(*) filter (where status <> 'deleted') as total,
                               count(*) filter (where status <> 'deleted' and last_active_at >= ?) as day,
                               count(*) filter (where status <> 'deleted' and last_active_at >= ?) as week,
                               count(*) filter (where status = 'suspended') as suspended
                        from admin_user
                        """)
                .params(Timestamp.from(activeSinceDay), Timestamp.from(activeSinceWeek))
                .query((rs, n) -> new UserStatistics.Counts(
                        rs.getLong("total"), rs.getLong("day"), rs.getLong("week"), rs.getLong("suspended")))
                .single();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from admin_user where id = ?")
                .param(id)
                .query(AdminUsers::row)
                .optional();
    }

    List<Row> page(String prefix, String status, String role, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from admin_user " + where()
                        + " order by created_at, id offset ? limit ?")
                .params(filters(prefix, status, role, offset, limit))
                .query(AdminUsers::row)
                .list();
    }

    long count(String prefix, String status, String role) {
        return jdbc.sql("select count(*) from admin_user " + where())
                .params(filters(prefix, status, role))
                .query(Long.class)
                .single();
    }

    private static String where() {
        return """
                where (cast(? as text) is null or lower(username) like ? escape '\\' or lower(email) like ? escape '\\')
                  and (cast(? as text) is null or status = ?)
                  and (cast(? as text) is null or ? = any(roles))
                """;
    }

    private static List<Object> filters(String prefix, String status, String role, Object... more) {
        String like = prefix == null ? null : escape(prefix.toLowerCase(java.util.Locale.ROOT)) + "%";
        List<Object> params = new ArrayList<>(Arrays.asList(prefix, like, like, status, status, role, role));
        params.addAll(Arrays.asList(more));
        return params;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Array roles = rs.getArray("roles");
        Timestamp lastActive = rs.getTimestamp("last_active_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("status"),
                rs.getString("status_reason"),
                List.of((String[]) roles.getArray()),
                rs.getTimestamp("created_at").toInstant(),
                lastActive == null ? null : lastActive.toInstant());
    }
}
