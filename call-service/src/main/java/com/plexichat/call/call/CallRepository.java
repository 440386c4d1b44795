package com.plexichat.call.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Calls (JdbcClient: the one-live-call partial index, arrays, the sweeper's skip-locked scan). */
@Repository
class CallRepository {

    record Call(
            UUID id,
            UUID conversationId,
            String conversationType,
            UUID organizationId,
            String type,
            String status,
            UUID startedBy,
            Instant startedAt,
            Instant endedAt,
            List<UUID> declinedBy) {

        boolean live() {
            return RINGING.equals(status) || ACTIVE.equals(status);
        }
    }

    static final String RINGING = "ringing";
    static final String ACTIVE = "active";
    static final String ENDED = "ended";
    static final String MISSED = "missed";
    static final String DECLINED = "declined";

    private static final String COLUMNS = "id, conversation_id, conversation_type, organization_id, type, status,"
            + " started_by, started_at, ended_at, declined_by";

    private final JdbcClient jdbc;

    CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the conversation has a live call already */
    void insert(Call call) {
        jdbc.sql("insert into call (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, null, '{}')")
                .params(
                        call.id(),
                        call.conversationId(),
                        call.conversationType(),
                        call.organizationId(),
                        call.type(),
                        call.status(),
                        call.startedBy(),
                        Timestamp.from(call.startedAt()))
                .update();
    }

    Optional<Call> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from call where id = ?")
                .param(id)
                .query(CallRepository::row)
                .optional();
    }

    /** The row locked until the transaction ends: status changes are one after the other. */
    Optional<Call> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from call where id = ? for update")
                .param(id)
                .query(CallRepository::row)
                .optional();
    }

    Optional<Call> live(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS
                        + " from call where conversation_id = ? and status in ('ringing', 'active')")
                .param(conversationId)
                .query(CallRepository::row)
                .optional();
    }

    void status(UUID id, String status, Instant endedAt) {
        jdbc.sql("update call set status = ?, ended_at = ? where id = ?")
                .params(status, endedAt == null ? null : Timestamp.from(endedAt), id)
                .update();
    }

    void declined(UUID id, UUID userId) {
        jdbc.sql(
                        "update call set declined_by = array_append(declined_by, ?) where id = ? and not (? = any(declined_by))")
                .params(userId, id, userId)
                .update();
    }

    /** Ringing calls started before {@code before}, locked; another replica's sweeper skips them. */
    List<Call> ringingSince(Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from call where status = 'ringing' and started_at < ? order by started_at"
                        + " limit ? for update skip locked")
                .params(Timestamp.from(before), limit)
                .query(CallRepository::row)
                .list();
    }

    List<Call> page(UUID conversationId, String status, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from call where conversation_id = ? and (cast(? as text) is null or"
                        + " status = ?) order by started_at desc, id offset ? limit ?")
                .params(conversationId, status, status, offset, limit)
                .query(CallRepository::row)
                .list();
    }

    long count(UUID conversationId, String status) {
        return jdbc.sql(
                        "select count(*) from call where conversation_id = ? and (cast(? as text) is null or status = ?)")
                .params(conversationId, status, status)
                .query(Long.class)
                .single();
    }

    private static Call row(ResultSet rs, int n) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Call(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                rs.getString("conversation_type"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("type"),
                rs.getString("status"),
                rs.getObject("started_by", UUID.class),
                rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant(),
                Arrays.stream((Object[]) rs.getArray("declined_by").getArray())
                        .map(o -> (UUID) o)
                        .toList());
    }
}
