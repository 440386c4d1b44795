package com.plexichat.user.user;

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
class UserRepository {

    private static final String COLUMNS =
            "id, username, email, display_name, avatar_file_id, avatar_url, bio, timezone, title, status, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the user was already known (a replayed event) */
    boolean insert(UUID id, String username, String email, String displayName, Instant createdAt) {
        return jdbc.sql("""
                        insert into app_user (id, username, email, display_name, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing
                        """)
                        .params(id, username, email, displayName, Timestamp.from(createdAt), Timestamp.from(createdAt))
                        .update()
                == 1;
    }

    Optional<User> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = ?")
                .param(id)
                .query(UserRepository::user)
                .optional();
    }

    /**
     * Deleted users are left out of lists; {@code q} is a prefix of the username or display name;
     * {@code organizationId}, when set, keeps that organization's members; {@code viewer}, when set, keeps the
     * viewer and the people who share an organization with them.
     */
    List<User> page(String q, UUID organizationId, UUID viewer, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from app_user where status <> 'deleted'"
                        + filter(q, organizationId, viewer) + " order by username limit ? offset ?")
                .params(params(q, organizationId, viewer, limit, offset))
                .query(UserRepository::user)
                .list();
    }

    long count(String q, UUID organizationId, UUID viewer) {
        return jdbc.sql("select count(*) from app_user where status <> 'deleted'" + filter(q, organizationId, viewer))
                .params(params(q, organizationId, viewer))
                .query(Long.class)
                .single();
    }

    void update(User user, Instant now) {
        jdbc.sql("""
                        update app_user set display_name = ?, avatar_file_id = ?, avatar_url = ?, bio = ?, timezone = ?,
                            title = ?, status = ?, updated_at = ?
                        where id = ?
                        """)
                .params(
                        user.displayName(),
                        user.avatarFileId(),
                        user.avatarUrl(),
                        user.bio(),
                        user.timezone(),
                        user.title(),
                        user.status(),
                        Timestamp.from(now),
                        user.id())
                .update();
    }

    /**
     * The account is gone: what identified the person goes with it; the id stays for old references. A
     * deletion that overtakes the registration (events retried out of order) leaves a tombstone the late
     * registration cannot revive.
     */
    /** admin-service's decision; a deleted user stays deleted. */
    void setStatus(UUID id, String status, Instant now) {
        jdbc.sql("update app_user set status = ?, updated_at = ? where id = ? and status <> 'deleted'")
                .params(status, Timestamp.from(now), id)
                .update();
    }

    boolean markDeleted(UUID id, Instant now) {
        jdbc.sql("""
                        insert into app_user (id, username, display_name, status, created_at, updated_at)
                        values (?, ?, 'Deleted user', 'deleted', ?, ?) on conflict do nothing
                        """)
                .params(id, "deleted:" + id, Timestamp.from(now), Timestamp.from(now))
                .update();
        return jdbc.sql("""
                        update app_user set status = 'deleted', email = null, avatar_file_id = null, avatar_url = null,
                            bio = null, title = null, display_name = 'Deleted user', updated_at = ?
                        where id = ? and status <> 'deleted'
                        """).params(Timestamp.from(now), id).update() == 1;
    }

    private static String filter(String q, UUID organizationId, UUID viewer) {
        return (q == null ? "" : " and (username like ? or lower(display_name) like ?)")
                + (organizationId == null
                        ? ""
                        : " and id in (select user_id from org_member where organization_id = ?)")
                + (viewer == null
                        ? ""
                        : " and (id = ? or id in (select theirs.user_id from org_member mine"
                                + " join org_member theirs on theirs.organization_id = mine.organization_id"
                                + " where mine.user_id = ?))");
    }

    private static Object[] params(String q, UUID organizationId, UUID viewer, Object... rest) {
        List<Object> all = new java.util.ArrayList<>();
        if (q != null) {
            String prefix = escape(q.toLowerCase(java.util.Locale.ROOT)) + "%";
            all.add(prefix);
            all.add(prefix);
        }
        if (organizationId != null) {
            all.add(organizationId);
        }
        if (viewer != null) {
            all.add(viewer);
            all.add(viewer);
        }
        all.addAll(List.of(rest));
        return all.toArray();
    }

    /** LIKE wildcards in what a user typed are literal. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getObject("avatar_file_id", UUID.class),
                rs.getString("avatar_url"),
                rs.getString("bio"),
                rs.getString("timezone"),
                rs.getString("title"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant());
    }
}
