package com.plexichat.org.knownuser;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users org-service knows of (from user events): who may be added to an organization. */
@Repository
public class KnownUsers {

    private final JdbcClient jdbc;

    KnownUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(UUID id) {
        return jdbc.sql("select count(*) from known_user where id = ? and not deleted")
                        .param(id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void registered(UUID id, Instant at) {
        jdbc.sql("insert into known_user (id, updated_at) values (?, ?) on conflict do nothing")
                .params(id, Timestamp.from(at))
                .update();
    }

    /** A deletion that overtakes the registration still wins: the late registration finds the row. */
    public void deleted(UUID id, Instant at) {
        jdbc.sql("""
                        insert into known_user (id, deleted, updated_at) values (?, true, ?)
                        on conflict (id) do update set deleted = true, updated_at = excluded.updated_at
                        """).params(id, Timestamp.from(at)).update();
    }
}
