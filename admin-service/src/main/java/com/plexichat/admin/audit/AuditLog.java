package com.plexichat.admin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log's table, in SQL: the one writer (an advisory lock serialises appends, so seq has no gaps and each
 * entry chains to the one before), keyset pages, a streamed walk for export and verification. Each entry's {@code
 * hash} is SHA-256 of the previous hash (hex) followed by the entry's canonical JSON: keys sorted at every level,
 * times in UTC with microseconds (what PostgreSQL keeps), nulls written.
 */
@Repository
class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final long WRITER_LOCK = 0x61756469744c6f67L; // "auditLog"
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final String COLUMNS = "seq, id, time, actor_user_id, actor_api_key_id, actor_ip, actor_user_agent,"
            + " action, target_type, target_id, outcome, details, request_id, prev_hash, hash";

    /** What a producer records; the log adds seq, id, the chain. */
    record NewEntry(
            Instant time,
            UUID actorUserId,
            UUID actorApiKeyId,
            String actorIp,
            String actorUserAgent,
            String action,
            String targetType,
            String targetId,
            String outcome,
            JsonNode details,
            String requestId,
            String sourceEventId) {}

    record Entry(
            long seq,
            UUID id,
            Instant time,
            UUID actorUserId,
            UUID actorApiKeyId,
            String actorIp,
            String actorUserAgent,
            String action,
            String targetType,
            String targetId,
            String outcome,
            JsonNode details,
            String requestId,
            String prevHash,
            String hash) {}

    record Filter(UUID actorId, String action, String targetType, String targetId, Instant from, Instant to) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Appends (in the caller's transaction) unless an entry for the same source event exists. */
    Optional<Entry> append(NewEntry entry) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(WRITER_LOCK).query().singleRow();
        if (entry.sourceEventId() != null
                && jdbc.sql("select count(*) from audit_entry where source_event_id = ?")
                                .param(entry.sourceEventId())
                                .query(Long.class)
                                .single()
                        > 0) {
            return Optional.empty();
        }
        Map<String, Object> head =
                jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1").query().listOfRows().stream()
                        .findFirst()
                        .orElse(Map.of("seq", 0L, "hash", GENESIS));
        long seq = ((Number) head.get("seq")).longValue() + 1;
        String prevHash = String.valueOf(head.get("hash"));
        Entry unhashed = new Entry(
                seq,
                UUID.randomUUID(),
                entry.time().truncatedTo(ChronoUnit.MICROS),
                entry.actorUserId(),
                entry.actorApiKeyId(),
                entry.actorIp(),
                entry.actorUserAgent(),
                entry.action(),
                entry.targetType(),
                entry.targetId(),
                entry.outcome(),
                entry.details() == null ? json.createObjectNode() : entry.details(),
                entry.requestId(),
                prevHash,
                null);
        String hash = hash(prevHash, unhashed);
        jdbc.sql("insert into audit_entry (" + COLUMNS + ", source_event_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)")
                .params(
                        seq,
                        unhashed.id(),
                        Timestamp.from(unhashed.time()),
                        unhashed.actorUserId(),
                        unhashed.actorApiKeyId(),
                        unhashed.actorIp(),
                        unhashed.actorUserAgent(),
                        unhashed.action(),
                        unhashed.targetType(),
                        unhashed.targetId(),
                        unhashed.outcome(),
                        json.writeValueAsString(unhashed.details()),
                        unhashed.requestId(),
                        prevHash,
                        hash,
                        entry.sourceEventId())
                .update();
        return Optional.of(withHash(unhashed, hash));
    }

    /** The newest entry's seq and hash, if there is one. */
    Optional<Head> head() {
        return jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1")
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
                .optional();
    }

    record Head(long seq, String hash) {}

    /** Newest first, below {@code beforeSeq} when given. */
    List<Entry> page(Filter filter, Long beforeSeq, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("where true");
        if (filter.actorId() != null) {
            where.append(" and (actor_user_id = ? or actor_api_key_id = ?)");
            params.add(filter.actorId());
            params.add(filter.actorId());
        }
        if (filter.action() != null) {
            where.append(" and action = ?");
            params.add(filter.action());
        }
        if (filter.targetType() != null) {
            where.append(" and target_type = ?");
            params.add(filter.targetType());
        }
        if (filter.targetId() != null) {
            where.append(" and target_id = ?");
            params.add(filter.targetId());
        }
        if (filter.from() != null) {
            where.append(" and time >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and time < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (beforeSeq != null) {
            where.append(" and seq < ?");
            params.add(beforeSeq);
        }
        params.add(limit);
        return jdbc.sql("select " + COLUMNS + " from audit_entry " + where + " order by seq desc limit ?")
                .params(params)
                .query(this::row)
                .list();
    }

    /** Every entry in chain order, one at a time (call inside a read-only transaction). */
    void walk(Consumer<Entry> each) {
        try (Stream<Entry> entries = jdbc
                .sql("select " + COLUMNS + " from audit_entry order by seq")
                .withFetchSize(500)
                .query(this::row)
                .stream()) {
            entries.forEach(each);
        }
    }

    static String hash(String prevHash, Entry entry) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("seq", entry.seq());
        canonical.put("id", entry.id().toString());
        canonical.put("time", TIME.format(entry.time()));
        canonical.put(
                "actor_user_id",
                entry.actorUserId() == null ? null : entry.actorUserId().toString());
        canonical.put(
                "actor_api_key_id",
                entry.actorApiKeyId() == null ? null : entry.actorApiKeyId().toString());
        // Added later: only in the hash when present, so entries from before still verify.
        if (entry.actorIp() != null) {
            canonical.put("actor_ip", entry.actorIp());
        }
        if (entry.actorUserAgent() != null) {
            canonical.put("actor_user_agent", entry.actorUserAgent());
        }
        canonical.put("action", entry.action());
        canonical.put("target_type", entry.targetType());
        canonical.put("target_id", entry.targetId());
        canonical.put("outcome", entry.outcome());
        canonical.put("details", CANONICAL.convertValue(entry.details(), Object.class));
        canonical.put("request_id", entry.requestId());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update(CANONICAL.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Entry withHash(Entry e, String hash) {
        return new Entry(
                e.seq(),
                e.id(),
                e.time(),
                e.actorUserId(),
                e.actorApiKeyId(),
                e.actorIp(),
                e.actorUserAgent(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.outcome(),
                e.details(),
                e.requestId(),
                e.prevHash(),
                hash);
    }

    private Entry row(ResultSet rs, int n) throws SQLException {
        return new Entry(
                rs.getLong("seq"),
                rs.getObject("id", UUID.class),
                rs.getTimestamp("time").toInstant(),
                rs.getObject("actor_user_id", UUID.class),
                rs.getObject("actor_api_key_id", UUID.class),
                rs.getString("actor_ip"),
                rs.getString("actor_user_agent"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("outcome"),
                json.readTree(rs.getString("details")),
                rs.getString("request_id"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
