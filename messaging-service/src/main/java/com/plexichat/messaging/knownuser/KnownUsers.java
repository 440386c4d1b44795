package com.plexichat.messaging.knownuser;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users messaging-service knows of (from user events): who can be mentioned or messaged directly. */
@Repository
public class KnownUsers {

    private final JdbcClient jdbc;

    KnownUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of the existing users among these, by username. */
    public Map<String, UUID> byUsername(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select username, id from known_user where not deleted and username = any(?)")
                .param(usernames.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getObject("id", UUID.class)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** Those of the ids that are existing users. */
    public List<UUID> existing(Collection<UUID> ids) {
        return jdbc.sql("select id from known_user where not deleted and id = any(cast(? as uuid[]))")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(UUID.class)
                .list();
    }

    void registered(UUID id, String username) {
        jdbc.sql("insert into known_user (id, username) values (?, ?) on conflict (id) do nothing")
                .params(id, username)
                .update();
    }

    /** A deletion that overtakes the registration still wins: the late registration finds the row. */
    void deleted(UUID id) {
        jdbc.sql("""
                        insert into known_user (id, deleted) values (?, true)
                        on conflict (id) do update set deleted = true
                        """).param(id).update();
    }
}
