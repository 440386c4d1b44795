package com.plexichat.file.file;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where each file was attached, from messaging-service's events. {@code JdbcClient}: replayed events must insert
 * once ({@code on conflict do nothing}) and only for files that still exist.
 */
@Repository
class Attachments {

    private final JdbcClient jdbc;

    Attachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void attach(UUID fileId, UUID messageId, UUID conversationId) {
        jdbc.sql("""
                        insert into file_attachment (file_id, message_id, conversation_id)
                        select id, ?, ? from stored_file where id = ?
                        on conflict do nothing
                        """).params(messageId, conversationId, fileId).update();
    }

    void messageDeleted(UUID messageId) {
        jdbc.sql("delete from file_attachment where message_id = ?")
                .param(messageId)
                .update();
    }

    List<UUID> conversationsOf(UUID fileId) {
        return jdbc.sql("select distinct conversation_id from file_attachment where file_id = ?")
                .param(fileId)
                .query(UUID.class)
                .list();
    }
}
