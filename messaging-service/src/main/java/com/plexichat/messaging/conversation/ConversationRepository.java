package com.plexichat.messaging.conversation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations (channels from channel-service's events, DMs owned here), their members and counters. */
@Repository
class ConversationRepository {

    record Member(UUID userId, String role, String permissionRole, long lastReadSeq) {}

    private static final String COLUMNS =
            "id, kind, organization_id, channel_type, archived, created_by, last_seq, last_message_at, created_at";

    private static final String C_COLUMNS = "c.id, c.kind, c.organization_id, c.channel_type, c.archived, c.created_by,"
            + " c.last_seq, c.last_message_at, c.created_at";

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from conversation where id = ?")
                .param(id)
                .query(ConversationRepository::conversation)
                .optional();
    }

    /** The conversation locked until commit: the senders of one conversation take turns for their seq. */
    Optional<Conversation> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from conversation where id = ? for update")
                .param(id)
                .query(ConversationRepository::conversation)
                .optional();
    }

    /** The next seq, taken under the lock of {@link #lock}: no gaps, no repeats. */
    long nextSeq(UUID id, Instant now) {
        return jdbc.sql("""
                        update conversation set last_seq = last_seq + 1, last_message_at = ? where id = ?
                        returning last_seq
                        """).params(Timestamp.from(now), id).query(Long.class).single();
    }

    Optional<Member> member(UUID conversationId, UUID userId) {
        return jdbc.sql("""
                        select user_id, role, permission_role, last_read_seq from conversation_member
                        where conversation_id = ? and user_id = ?
                        """)
                .params(conversationId, userId)
                .query(ConversationRepository::member)
                .optional();
    }

    List<UUID> memberIds(UUID conversationId) {
        return jdbc.sql("select user_id from conversation_member where conversation_id = ? order by user_id")
                .param(conversationId)
                .query(UUID.class)
                .list();
    }

    /** Those of {@code candidates} who share a conversation with the user (and see their presence). */
    List<UUID> sharingAConversation(UUID userId, java.util.Collection<UUID> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct other.user_id from conversation_member mine
                        join conversation_member other on other.conversation_id = mine.conversation_id
                        where mine.user_id = ? and other.user_id = any(cast(? as uuid[]))
                        """)
                .params(userId, candidates.stream().map(UUID::toString).toArray(String[]::new))
                .query(UUID.class)
                .list();
    }

    List<String> permissions(UUID conversationId, String role) {
        return jdbc.sql("select permissions from channel_permission where conversation_id = ? and role = ?")
                .params(conversationId, role)
                .query((rs, n) -> strings(rs.getArray("permissions")))
                .optional()
                .orElse(List.of());
    }

    // --- channels, from channel-service's events -------------------------------------------------

    void upsertChannel(UUID id, UUID organizationId, String channelType, Instant createdAt) {
        jdbc.sql("""
                        insert into conversation (id, kind, organization_id, channel_type, created_at)
                        values (?, 'channel', ?, ?, ?)
                        on conflict (id) do update set
                            organization_id = coalesce(excluded.organization_id, conversation.organization_id),
                            channel_type = coalesce(excluded.channel_type, conversation.channel_type)
                        """)
                .params(id, organizationId, channelType, Timestamp.from(createdAt))
                .update();
    }

    void setArchived(UUID id, boolean archived) {
        jdbc.sql("update conversation set archived = ? where id = ?")
                .params(archived, id)
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from conversation where id = ?").param(id).update();
    }

    void addMember(UUID conversationId, UUID userId, String role, String permissionRole, Instant joinedAt) {
        jdbc.sql("""
                        insert into conversation_member (conversation_id, user_id, role, permission_role, joined_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (conversation_id, user_id) do update
                            set role = excluded.role, permission_role = excluded.permission_role
                        """)
                .params(conversationId, userId, role, permissionRole, Timestamp.from(joinedAt))
                .update();
    }

    void removeMember(UUID conversationId, UUID userId) {
        jdbc.sql("delete from conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, userId)
                .update();
    }

    void setPermissions(UUID conversationId, Map<String, List<String>> roles) {
        roles.forEach((role, permissions) -> jdbc.sql("""
                        insert into channel_permission (conversation_id, role, permissions) values (?, ?, ?)
                        on conflict (conversation_id, role) do update set permissions = excluded.permissions
                        """)
                .params(conversationId, role, permissions.toArray(String[]::new))
                .update());
    }

    // --- DMs ---------------------------------------------------------------------------------

    Optional<Conversation> findDm(String participantKey) {
        return jdbc.sql("select " + COLUMNS + " from conversation where participant_key = ?")
                .param(participantKey)
                .query(ConversationRepository::conversation)
                .optional();
    }

    /** @return false when a DM of these participants exists already (a concurrent request made it) */
    boolean insertDm(UUID id, String participantKey, UUID createdBy, Instant now) {
        try {
            jdbc.sql("""
                            insert into conversation (id, kind, participant_key, created_by, created_at)
                            values (?, 'dm', ?, ?, ?)
                            """)
                    .params(id, participantKey, createdBy, Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The user's DMs, most recently active first (those without messages by creation). */
    List<Conversation> dmsOf(UUID userId, long offset, int limit) {
        return jdbc.sql("select " + C_COLUMNS + """
                         from conversation c join conversation_member m on m.conversation_id = c.id
                        where m.user_id = ? and c.kind = 'dm'
                        order by coalesce(c.last_message_at, c.created_at) desc, c.id limit ? offset ?
                        """)
                .params(userId, limit, offset)
                .query(ConversationRepository::conversation)
                .list();
    }

    long countDms(UUID userId) {
        return jdbc.sql("""
                        select count(*) from conversation c join conversation_member m on m.conversation_id = c.id
                        where m.user_id = ? and c.kind = 'dm'
                        """).param(userId).query(Long.class).single();
    }

    // --- read state ------------------------------------------------------------------------------

    /** Moves the user's read marker forward only, never past the last message. @return the marker now */
    long markRead(UUID conversationId, UUID userId, long seq) {
        return jdbc.sql("""
                        update conversation_member m
                        set last_read_seq = greatest(m.last_read_seq, least(?, c.last_seq))
                        from conversation c
                        where c.id = m.conversation_id and m.conversation_id = ? and m.user_id = ?
                        returning m.last_read_seq
                        """)
                .params(seq, conversationId, userId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * Per conversation of the user with anything unread: how many messages of others after their read
     * marker (tombstones not counted), and how many of those mention them or {@code @channel}.
     */
    List<Unread> unread(UUID userId) {
        return jdbc.sql("""
                        select c.id, c.kind, c.last_seq, m.last_read_seq,
                               count(msg.id) as unread_count,
                               count(msg.id) filter (where ? = any(msg.mentioned_user_ids) or msg.mentions_channel)
                                   as mention_count
                        from conversation_member m
                        join conversation c on c.id = m.conversation_id and c.last_seq > m.last_read_seq
                        join message msg on msg.conversation_id = c.id and msg.seq > m.last_read_seq
                                        and not msg.deleted and msg.author_id <> m.user_id
                        where m.user_id = ?
                        group by c.id, c.kind, c.last_seq, m.last_read_seq
                        order by max(msg.created_at) desc
                        """)
                .params(userId, userId)
                .query((rs, n) -> new Unread(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getLong("last_seq"),
                        rs.getLong("last_read_seq"),
                        rs.getLong("unread_count"),
                        rs.getLong("mention_count")))
                .list();
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Conversation conversation(ResultSet rs, int n) throws SQLException {
        Timestamp last = rs.getTimestamp("last_message_at");
        return new Conversation(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("channel_type"),
                rs.getBoolean("archived"),
                rs.getObject("created_by", UUID.class),
                rs.getLong("last_seq"),
                last == null ? null : last.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(
                rs.getObject("user_id", UUID.class),
                rs.getString("role"),
                rs.getString("permission_role"),
                rs.getLong("last_read_seq"));
    }
}
