package com.plexichat.file.file;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bytes stored per user, for the quota. {@code JdbcClient}: adding is one conditional upsert, so two uploads
 * finishing at once cannot both slip under the quota.
 */
@Repository
class StorageUsage {

    private final JdbcClient jdbc;

    StorageUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long used(UUID userId) {
        return jdbc.sql("select used_bytes from storage_usage where user_id = ?")
                .param(userId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** @return false (and nothing changes) when the bytes would take the user past the quota */
    boolean add(UUID userId, long bytes, long quota) {
        if (bytes > quota) {
            return false;
        }
        return jdbc.sql("""
                                insert into storage_usage (user_id, used_bytes) values (?, ?)
                                on conflict (user_id) do update set used_bytes = storage_usage.used_bytes + excluded.used_bytes
                                where storage_usage.used_bytes + excluded.used_bytes <= ?
                                """).params(userId, bytes, quota).update() == 1;
    }

    void release(UUID userId, long bytes) {
        jdbc.sql("update storage_usage set used_bytes = greatest(0, used_bytes - ?) where user_id = ?")
                .params(bytes, userId)
                .update();
    }
}
