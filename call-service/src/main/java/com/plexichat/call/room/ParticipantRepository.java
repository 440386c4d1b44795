package com.plexichat.call.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stays in rooms (JdbcClient: the partial unique index and the per-room lock are exact SQL). */
@Repository
class ParticipantRepository {

    private static final String COLUMNS = "session_id, room_id, room_kind, user_id, joined_at, left_at, muted, video,"
            + " screen_sharing, hand_raised";

    private final JdbcClient jdbc;

    ParticipantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Until the transaction ends, nobody else joins or leaves this room. */
    void lock(UUID roomId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(roomId.toString())
                .query()
                .singleRow();
    }

    Optional<Participants.Participant> present(UUID roomId, UUID userId) {
        return jdbc.sql("select " + COLUMNS + " from participant where room_id = ? and user_id = ? and left_at is null")
                .params(roomId, userId)
                .query(ParticipantRepository::row)
                .optional();
    }

    List<Participants.Participant> present(UUID roomId) {
        return jdbc.sql("select " + COLUMNS
                        + " from participant where room_id = ? and left_at is null order by joined_at")
                .param(roomId)
                .query(ParticipantRepository::row)
                .list();
    }

    List<Participants.Participant> all(UUID roomId) {
        return jdbc.sql("select " + COLUMNS + " from participant where room_id = ? order by joined_at")
                .param(roomId)
                .query(ParticipantRepository::row)
                .list();
    }

    boolean everJoinedBesides(UUID roomId, UUID userId) {
        return jdbc.sql("select exists (select 1 from participant where room_id = ? and user_id <> ?)")
                .params(roomId, userId)
                .query(Boolean.class)
                .single();
    }

    void insert(Participants.Participant p) {
        jdbc.sql("insert into participant (" + COLUMNS + ") values (?, ?, ?, ?, ?, null, false, false, false, false)")
                .params(p.sessionId(), p.roomId(), p.roomKind(), p.userId(), Timestamp.from(p.joinedAt()))
                .update();
    }

    Optional<Participants.Participant> bySession(UUID sessionId) {
        return jdbc.sql("select " + COLUMNS + " from participant where session_id = ? and left_at is null")
                .param(sessionId)
                .query(ParticipantRepository::row)
                .optional();
    }

    /** One media flag of a present stay ({@code column} is one of four known names, never client input). */
    void media(UUID sessionId, String column, boolean value) {
        jdbc.sql("update participant set " + column + " = ? where session_id = ? and left_at is null")
                .params(value, sessionId)
                .update();
    }

    void seen(UUID[] sessionIds, Instant at) {
        jdbc.sql("update participant set last_seen_at = ? where session_id = any(?) and left_at is null")
                .params(Timestamp.from(at), sessionIds)
                .update();
    }

    /** Present stays whose socket has been silent since before {@code before}; other sweepers skip them. */
    List<Participants.Participant> silentSince(Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from participant where left_at is null and last_seen_at < ?"
                        + " order by last_seen_at limit ? for update skip locked")
                .params(Timestamp.from(before), limit)
                .query(ParticipantRepository::row)
                .list();
    }

    void leave(UUID sessionId, Instant at) {
        jdbc.sql("update participant set left_at = ? where session_id = ? and left_at is null")
                .params(Timestamp.from(at), sessionId)
                .update();
    }

    private static Participants.Participant row(ResultSet rs, int n) throws SQLException {
        Timestamp left = rs.getTimestamp("left_at");
        return new Participants.Participant(
                rs.getObject("session_id", UUID.class),
                rs.getObject("room_id", UUID.class),
                rs.getString("room_kind"),
                rs.getObject("user_id", UUID.class),
                rs.getTimestamp("joined_at").toInstant(),
                left == null ? null : left.toInstant(),
                rs.getBoolean("muted"),
                rs.getBoolean("video"),
                rs.getBoolean("screen_sharing"),
                rs.getBoolean("hand_raised"));
    }
}
