package com.plexichat.call.access;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The channels and DMs call-service knows from events (JdbcClient: upserts and arrays). */
@Repository
class ChannelReplica implements com.plexichat.platform.events.channel.ChannelReplica {

    record Channel(UUID id, UUID organizationId, String type, boolean archived) {}

    private final JdbcClient jdbc;

    ChannelReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void channel(UUID id, UUID organizationId, String type, Instant at) {
        jdbc.sql("""
                        insert into channel (id, organization_id, type, updated_at) values (?, ?, ?, ?)
                        on conflict (id) do update
                        set organization_id = coalesce(excluded.organization_id, channel.organization_id),
                            type = coalesce(excluded.type, channel.type),
                            updated_at = excluded.updated_at
                        """).params(id, organizationId, type, Timestamp.from(at)).update();
    }

    @Override
    public void archived(UUID id, boolean archived) {
        jdbc.sql("update channel set archived = ? where id = ?")
                .params(archived, id)
                .update();
    }

    @Override
    public void deleted(UUID id) {
        jdbc.sql("delete from channel where id = ?").param(id).update();
    }

    @Override
    public void member(UUID channelId, UUID userId, String role, String permissionRole, Instant joinedAt) {
        jdbc.sql("""
                        insert into channel_member (channel_id, user_id, permission_role) values (?, ?, ?)
                        on conflict (channel_id, user_id) do update set permission_role = excluded.permission_role
                        """).params(channelId, userId, permissionRole).update();
    }

    @Override
    public void memberRemoved(UUID channelId, UUID userId) {
        jdbc.sql("delete from channel_member where channel_id = ? and user_id = ?")
                .params(channelId, userId)
                .update();
    }

    @Override
    public void permissions(UUID channelId, Map<String, List<String>> roles) {
        jdbc.sql("delete from channel_permission where channel_id = ?")
                .param(channelId)
                .update();
        roles.forEach((role, permissions) -> jdbc.sql(
                        "insert into channel_permission (channel_id, role, permissions) values (?, ?, ?)")
                .params(channelId, role, permissions.toArray(String[]::new))
                .update());
    }

    Optional<Channel> channel(UUID id) {
        return jdbc.sql("select id, organization_id, type, archived from channel where id = ?")
                .param(id)
                .query((rs, n) -> new Channel(
                        rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getString("type"),
                        rs.getBoolean("archived")))
                .optional();
    }

    /** The member's permissions by their role; empty when they are not a member. */
    Optional<List<String>> memberPermissions(UUID channelId, UUID userId) {
        return jdbc.sql("""
                        select coalesce(p.permissions, '{}') as permissions
                        from channel_member m
                        left join channel_permission p on p.channel_id = m.channel_id and p.role = m.permission_role
                        where m.channel_id = ? and m.user_id = ?
                        """)
                .params(channelId, userId)
                .query((rs, n) -> strings(rs.getArray("permissions")))
                .optional();
    }

    void dm(UUID id, List<UUID> participants, Instant at) {
        jdbc.sql("insert into dm (id, participant_ids, created_at) values (?, ?, ?) on conflict do nothing")
                .params(id, participants.toArray(UUID[]::new), Timestamp.from(at))
                .update();
    }

    Optional<List<UUID>> dmParticipants(UUID id) {
        return jdbc.sql("select participant_ids from dm where id = ?")
                .param(id)
                .query((rs, n) -> Arrays.stream(
                                (Object[]) rs.getArray("participant_ids").getArray())
                        .map(o -> (UUID) o)
                        .toList())
                .optional();
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
