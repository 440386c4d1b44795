package com.plexichat.admin.settings;

import com.plexichat.platform.events.admin.PlatformSettings;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The single settings row (JdbcClient: a JSON document and a compare-and-set on its version). */
@Repository
class SettingsStore {

    record Stored(long version, PlatformSettings settings, Instant updatedAt, UUID updatedBy) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SettingsStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Stored> find() {
        return jdbc.sql("select version, value, updated_at, updated_by from settings where id = 1")
                .query((rs, n) -> new Stored(
                        rs.getLong("version"),
                        json.readValue(rs.getString("value"), PlatformSettings.class),
                        rs.getTimestamp("updated_at").toInstant(),
                        rs.getObject("updated_by", UUID.class)))
                .optional();
    }

    /** Locks the row (if any) until the transaction ends, so two changes are one after the other. */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('plexichat.settings'))")
                .query()
                .singleRow();
    }

    void save(long version, PlatformSettings settings, Instant at, UUID by) {
        jdbc.sql("""
                        insert into settings (id, version, value, updated_at, updated_by)
                        values (1, ?, cast(? as jsonb), ?, ?)
                        on conflict (id) do update
                        set version = excluded.version, value = excluded.value, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by
                        """)
                .params(version, json.writeValueAsString(settings), Timestamp.from(at), by)
                .update();
    }
}
