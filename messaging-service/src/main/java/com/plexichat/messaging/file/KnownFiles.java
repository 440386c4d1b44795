package com.plexichat.messaging.file;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The replica of files. {@code JdbcClient}: replayed events upsert, and a deletion is never undone by a late upload. */
@Repository
class KnownFiles {

    record KnownFile(UUID id, UUID ownerId, boolean deleted) {}

    private final JdbcClient jdbc;

    KnownFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<UUID, KnownFile> find(List<UUID> ids) {
        return jdbc
                .sql("select id, owner_id, deleted from known_file where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) ->
                        new KnownFile(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3)))
                .list()
                .stream()
                .collect(Collectors.toMap(KnownFile::id, f -> f));
    }

    void uploaded(UUID id, UUID ownerId) {
        jdbc.sql("insert into known_file (id, owner_id) values (?, ?) on conflict (id) do nothing")
                .params(id, ownerId)
                .update();
    }

    void deleted(UUID id, UUID ownerId) {
        jdbc.sql("""
                        insert into known_file (id, owner_id, deleted) values (?, ?, true)
                        on conflict (id) do update set deleted = true
                        """).params(id, ownerId).update();
    }
}
