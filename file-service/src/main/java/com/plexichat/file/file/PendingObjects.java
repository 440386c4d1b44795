package com.plexichat.file.file;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Objects in S3 that no file row owns: written down (committed) before an upload's first byte reaches S3, and
 * crossed out in the transaction that records the file. Whatever stays here past the orphan age is a crashed upload
 * or a deleted file whose object could not be removed at once, and the sweeper removes it.
 */
@Repository
public class PendingObjects {

    private final JdbcClient jdbc;

    PendingObjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String key, Instant at) {
        jdbc.sql("insert into pending_object (object_key, created_at) values (?, ?) on conflict do nothing")
                .params(key, Timestamp.from(at))
                .update();
    }

    public void remove(String key) {
        jdbc.sql("delete from pending_object where object_key = ?").param(key).update();
    }

    public List<String> olderThan(Instant cutoff, int limit) {
        return jdbc.sql("select object_key from pending_object where created_at < ? order by created_at limit ?")
                .params(Timestamp.from(cutoff), limit)
                .query(String.class)
                .list();
    }
}
