package com.plexichat.messaging.message;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MessageRepository {

    /**
     * A message's row, the one shape the service works with: a new message is built as one and inserted, and its
     * event and its view are mapped from it ({@link MessageMapping}).
     */
    record Message(
            UUID id,
            UUID conversationId,
            long seq,
            UUID authorId,
            String content,
            UUID threadRootId,
            int replyCount,
            List<UUID> attachments,
            List<String> mentions,
            List<UUID> mentionedUserIds,
            boolean mentionsChannel,
            String clientMsgId,
            Instant editedAt,
            boolean deleted,
            Instant createdAt) {}

    record Version(int version, String content, Instant writtenAt) {}

    private static final String COLUMNS = """
            id, conversation_id, seq, author_id, content, thread_root_id, reply_count, attachments, mentions,
            mentioned_user_ids, mentions_channel, client_msg_id, edited_at, deleted, created_at
            """;

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Message m) {
        jdbc.sql("""
                        insert into message (id, conversation_id, seq, author_id, content, thread_root_id, attachments,
                                             mentions, mentioned_user_ids, mentions_channel, client_msg_id, created_at)
                        values (?, ?, ?, ?, ?, ?, cast(? as uuid[]), ?, cast(? as uuid[]), ?, ?, ?)
                        """)
                .params(
                        m.id(),
                        m.conversationId(),
                        m.seq(),
                        m.authorId(),
                        m.content(),
                        m.threadRootId(),
                        uuids(m.attachments()),
                        m.mentions().toArray(String[]::new),
                        uuids(m.mentionedUserIds()),
                        m.mentionsChannel(),
                        m.clientMsgId(),
                        Timestamp.from(m.createdAt()))
                .update();
    }

    Optional<Message> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from message where id = ?")
                .param(id)
                .query(MessageRepository::message)
                .optional();
    }

    Optional<Message> findByClientMsgId(UUID conversationId, UUID authorId, String clientMsgId) {
        return jdbc.sql("select " + COLUMNS
                        + " from message where conversation_id = ? and author_id = ? and client_msg_id = ?")
                .params(conversationId, authorId, clientMsgId)
                .query(MessageRepository::message)
                .optional();
    }

    /** The root's reply count after counting this reply. */
    int countReply(UUID rootId, Instant at) {
        return jdbc.sql("""
                        update message set reply_count = reply_count + 1, last_reply_at = ? where id = ?
                        returning reply_count
                        """)
                .params(Timestamp.from(at), rootId)
                .query(Integer.class)
                .single();
    }

    /**
     * A page of a conversation (or of one thread's replies when {@code threadRootId} is given) by seq:
     * newest first below {@code beforeSeq}, or oldest first above {@code afterSeq}. Keyset, no OFFSET.
     */
    List<Message> page(UUID conversationId, UUID threadRootId, Long beforeSeq, Long afterSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from message where conversation_id = ?");
        List<Object> params = new ArrayList<>(List.of(conversationId));
        if (threadRootId != null) {
            sql.append(" and thread_root_id = ?");
            params.add(threadRootId);
        }
        if (afterSeq != null) {
            sql.append(" and seq > ? order by seq asc");
            params.add(afterSeq);
        } else {
            if (beforeSeq != null) {
                sql.append(" and seq < ?");
                params.add(beforeSeq);
            }
            sql.append(" order by seq desc");
        }
        sql.append(" limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(MessageRepository::message)
                .list();
    }

    /** The page form: newest first, by offset. */
    List<Message> page(UUID conversationId, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from message where conversation_id = ? order by seq desc limit ? offset ?")
                .params(conversationId, limit, offset)
                .query(MessageRepository::message)
                .list();
    }

    long count(UUID conversationId) {
        return jdbc.sql("select count(*) from message where conversation_id = ?")
                .param(conversationId)
                .query(Long.class)
                .single();
    }

    /** Keeps the content being replaced as the next version of the history. */
    void edit(
            Message current,
            String content,
            List<String> mentions,
            List<UUID> mentionedUserIds,
            boolean mentionsChannel,
            Instant now) {
        jdbc.sql("""
                        insert into message_edit (message_id, version, content, edited_at)
                        select ?, coalesce(max(version), 0) + 1, ?, ? from message_edit where message_id = ?
                        """)
                .params(
                        current.id(),
                        current.content(),
                        Timestamp.from(current.editedAt() == null ? current.createdAt() : current.editedAt()),
                        current.id())
                .update();
        jdbc.sql("""
                        update message set content = ?, edited_at = ?, mentions = ?, mentioned_user_ids = cast(? as uuid[]),
                                           mentions_channel = ?
                        where id = ?
                        """)
                .params(
                        content,
                        Timestamp.from(now),
                        mentions.toArray(String[]::new),
                        uuids(mentionedUserIds),
                        mentionsChannel,
                        current.id())
                .update();
    }

    /** Earlier versions, oldest first, each with when it was written. */
    List<Version> history(UUID messageId) {
        return jdbc.sql("select version, content, edited_at from message_edit where message_id = ? order by version")
                .param(messageId)
                .query((rs, n) -> new Version(
                        rs.getInt("version"),
                        rs.getString("content"),
                        rs.getTimestamp("edited_at").toInstant()))
                .list();
    }

    /** A tombstone keeps its place and loses its content, attachments and history (its reactions go elsewhere). */
    boolean delete(UUID messageId, Instant now) {
        int changed = jdbc.sql("""
                        update message set deleted = true, deleted_at = ?, content = null, attachments = '{}',
                                           mentions = '{}', mentioned_user_ids = '{}', mentions_channel = false
                        where id = ? and not deleted
                        """).params(Timestamp.from(now), messageId).update();
        jdbc.sql("delete from message_edit where message_id = ?")
                .param(messageId)
                .update();
        return changed == 1;
    }

    private static String[] uuids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static Message message(ResultSet rs, int n) throws SQLException {
        Timestamp edited = rs.getTimestamp("edited_at");
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                rs.getLong("seq"),
                rs.getObject("author_id", UUID.class),
                rs.getString("content"),
                rs.getObject("thread_root_id", UUID.class),
                rs.getInt("reply_count"),
                uuidList(rs.getArray("attachments")),
                stringList(rs.getArray("mentions")),
                uuidList(rs.getArray("mentioned_user_ids")),
                rs.getBoolean("mentions_channel"),
                rs.getString("client_msg_id"),
                edited == null ? null : edited.toInstant(),
                rs.getBoolean("deleted"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static List<UUID> uuidList(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private static List<String> stringList(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
