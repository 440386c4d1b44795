package com.plexichat.file.conversation;

import com.plexichat.platform.events.channel.ChannelReplica;
import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The replica of channels and DMs, their members and channel role permissions. {@code JdbcClient}: every write is
 * an idempotent upsert of a replayed event ({@code on conflict}), which JPA does not express.
 */
@Repository
class ConversationReplica implements ChannelReplica {

    static final String CHANNEL = "channel";
    static final String DM = "dm";

    record Conversation(UUID id, String kind, boolean archived) {}

    private final JdbcClient jdbc;

    ConversationReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("select id, kind, archived from conversation where id = ?")
                .param(id)
                .query((rs, n) -> new Conversation(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    /** The user's permission role in the conversation, when the replica has them as a member. */
    Optional<String> memberRole(UUID conversationId, UUID userId) {
        return jdbc.sql("select permission_role from conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, userId)
                .query(String.class)
                .optional();
    }

    /** Which of the conversations the replica has the user in. */
    List<UUID> memberOf(List<UUID> conversationIds, UUID userId) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        "select conversation_id from conversation_member where user_id = ? and conversation_id = any(?)")
                .params(userId, conversationIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    List<String> permissions(UUID channelId, String role) {
        return jdbc.sql("select permissions from channel_permission where conversation_id = ? and role = ?")
                .params(channelId, role)
                .query((rs, n) -> strings(rs.getArray(1)))
                .optional()
                .orElse(List.of());
    }

    @Override
    public void channel(UUID id, UUID organizationId, String type, Instant at) {
        jdbc.sql("""
                        insert into conversation (id, kind, organization_id) values (?, 'channel', ?)
                        on conflict (id) do nothing
                        """).params(id, organizationId).update();
    }

    @Override
    public void archived(UUID id, boolean archived) {
        jdbc.sql("update conversation set archived = ? where id = ?")
                .params(archived, id)
                .update();
    }

    @Override
    public void deleted(UUID id) {
        jdbc.sql("delete from conversation where id = ?").param(id).update();
    }

    @Override
    public void member(UUID channelId, UUID userId, String role, String permissionRole, Instant joinedAt) {
        addMember(channelId, userId, permissionRole);
    }

    private void addMember(UUID conversationId, UUID userId, String permissionRole) {
        jdbc.sql("""
                        insert into conversation_member (conversation_id, user_id, permission_role) values (?, ?, ?)
                        on conflict (conversation_id, user_id) do update set permission_role = excluded.permission_role
                        """).params(conversationId, userId, permissionRole).update();
    }

    @Override
    public void memberRemoved(UUID conversationId, UUID userId) {
        jdbc.sql("delete from conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, userId)
                .update();
    }

    @Override
    public void permissions(UUID channelId, Map<String, List<String>> roles) {
        jdbc.sql("delete from channel_permission where conversation_id = ?")
                .param(channelId)
                .update();
        roles.forEach((role, permissions) -> jdbc.sql(
                        "insert into channel_permission (conversation_id, role, permissions) values (?, ?, ?)")
                .params(channelId, role, permissions.toArray(String[]::new))
                .update());
    }

    /** A DM and its participants, who never change. */
    void addDm(UUID id, List<UUID> participants) {
        jdbc.sql("insert into conversation (id, kind) values (?, 'dm') on conflict (id) do nothing")
                .param(id)
                .update();
        participants.forEach(user -> addMember(id, user, "participant"));
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
