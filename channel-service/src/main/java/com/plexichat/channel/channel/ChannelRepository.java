package com.plexichat.channel.channel;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ChannelRepository {

    /** A channel as one user sees it in a list: their membership and their role's permissions, if any. */
    record Listed(
            Channel channel, Optional<ChannelMember> member, List<String> rolePermissions, Optional<String> orgRole) {}

    private static final String COLUMNS = """
            c.id, c.organization_id, c.name, c.topic, c.type, c.archived, c.created_by, c.created_at, c.updated_at,
            (select count(*) from channel_member x where x.channel_id = c.id) as member_count
            """;

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the organization has a channel of that name (in any case) */
    boolean insert(UUID id, UUID organizationId, String name, String type, String topic, UUID createdBy, Instant now) {
        try {
            jdbc.sql("""
                            insert into channel (id, organization_id, name, type, topic, created_by, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(id, organizationId, name, type, topic, createdBy, Timestamp.from(now), Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Channel> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from channel c where c.id = ?")
                .param(id)
                .query(ChannelRepository::channel)
                .optional();
    }

    /** The channel locked for this transaction: member and permission changes of one channel take turns. */
    Optional<Channel> lock(UUID id) {
        jdbc.sql("select id from channel where id = ? for update")
                .param(id)
                .query(UUID.class)
                .optional();
        return find(id);
    }

    /**
     * The channels a user may read: those they belong to; in organizations where they are owner or admin,
     * all; where they are a member, the public and voice ones. {@code orgRole}, when given, overrides
     * the replica's role for {@code organizationId} (org-service answered for a replica miss).
     */
    List<Listed> readable(UUID userId, ChannelFilter filter, String orgRole, long offset, int limit) {
        Query query = readableQuery(userId, filter, orgRole);
        List<Object> params = new ArrayList<>(query.params());
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + """
                        , cm.user_id as member_id, cm.role as member_role, cm.permission_role, cm.joined_at,
                        cp.permissions as role_permissions, coalesce(cast(? as varchar), om.role) as org_role
                        """ + query.sql() + " order by lower(c.name), c.id limit ? offset ?")
                .params(prepend(orgRole, params))
                .query((rs, n) -> {
                    Channel channel = channel(rs, n);
                    Optional<ChannelMember> member = rs.getObject("member_id") == null
                            ? Optional.empty()
                            : Optional.of(new ChannelMember(
                                    rs.getObject("member_id", UUID.class),
                                    rs.getString("member_role"),
                                    rs.getString("permission_role"),
                                    rs.getTimestamp("joined_at").toInstant()));
                    return new Listed(
                            channel,
                            member,
                            strings(rs.getArray("role_permissions")),
                            Optional.ofNullable(rs.getString("org_role")));
                })
                .list();
    }

    long countReadable(UUID userId, ChannelFilter filter, String orgRole) {
        Query query = readableQuery(userId, filter, orgRole);
        return jdbc.sql("select count(*) " + query.sql())
                .params(query.params())
                .query(Long.class)
                .single();
    }

    private record Query(String sql, List<Object> params) {}

    private static Query readableQuery(UUID userId, ChannelFilter filter, String orgRole) {
        List<Object> params = new ArrayList<>(List.of(userId, userId, orgRole == null ? "" : orgRole));
        StringBuilder sql = new StringBuilder("""
                 from channel c
                 left join channel_member cm on cm.channel_id = c.id and cm.user_id = ?
                 left join org_member om on om.organization_id = c.organization_id and om.user_id = ?
                 left join channel_permission cp on cp.channel_id = c.id and cp.role = cm.permission_role
                 where (cm.user_id is not null
                        or coalesce(nullif(?, ''), om.role) in ('owner', 'admin')
                        or (c.type <> 'private' and coalesce(nullif(?, ''), om.role) = 'member'))
                """);
        params.add(orgRole == null ? "" : orgRole);
        if (filter.organizationId() != null) {
            sql.append(" and c.organization_id = ?");
            params.add(filter.organizationId());
        }
        if (filter.type() != null) {
            sql.append(" and c.type = ?");
            params.add(filter.type());
        }
        if (filter.archived() != null) {
            sql.append(" and c.archived = ?");
            params.add(filter.archived());
        }
        return new Query(sql.toString(), params);
    }

    private static List<Object> prepend(Object first, List<Object> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** @return false when the new name is taken in the organization */
    boolean update(UUID id, String name, String topic, boolean archived, Instant now) {
        try {
            jdbc.sql("update channel set name = ?, topic = ?, archived = ?, updated_at = ? where id = ?")
                    .params(name, topic, archived, Timestamp.from(now), id)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(UUID id) {
        jdbc.sql("delete from channel where id = ?").param(id).update();
    }

    List<UUID> channelsOf(UUID organizationId) {
        return jdbc.sql("select id from channel where organization_id = ?")
                .param(organizationId)
                .query(UUID.class)
                .list();
    }

    Optional<ChannelMember> member(UUID channelId, UUID userId) {
        return jdbc.sql("""
                        select user_id, role, permission_role, joined_at from channel_member
                        where channel_id = ? and user_id = ?
                        """)
                .params(channelId, userId)
                .query(ChannelRepository::member)
                .optional();
    }

    List<ChannelMember> members(UUID channelId, long offset, int limit) {
        return jdbc.sql("""
                        select user_id, role, permission_role, joined_at from channel_member where channel_id = ?
                        order by joined_at, user_id limit ? offset ?
                        """)
                .params(channelId, limit, offset)
                .query(ChannelRepository::member)
                .list();
    }

    long countMembers(UUID channelId) {
        return jdbc.sql("select count(*) from channel_member where channel_id = ?")
                .param(channelId)
                .query(Long.class)
                .single();
    }

    /** @return false when the user is already a member */
    boolean addMember(UUID channelId, UUID userId, String role, String permissionRole, Instant now) {
        return jdbc.sql("""
                                insert into channel_member (channel_id, user_id, role, permission_role, joined_at)
                                values (?, ?, ?, ?, ?) on conflict do nothing
                                """)
                        .params(channelId, userId, role, permissionRole, Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean removeMember(UUID channelId, UUID userId) {
        return jdbc.sql("delete from channel_member where channel_id = ? and user_id = ?")
                        .params(channelId, userId)
                        .update()
                == 1;
    }

    /** The user's channels in one organization, or everywhere when {@code organizationId} is null. */
    List<ChannelMembership> membershipsOf(UUID userId, UUID organizationId) {
        return jdbc.sql("""
                        select c.id, c.organization_id from channel_member cm join channel c on c.id = cm.channel_id
                        where cm.user_id = ? and (cast(? as uuid) is null or c.organization_id = ?)
                        order by c.organization_id
                        """)
                .params(userId, organizationId, organizationId)
                .query((rs, n) -> new ChannelMembership(
                        rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class)))
                .list();
    }

    /** The channel's role table, in {@link Permissions#ROLES} order. */
    Map<String, List<String>> permissions(UUID channelId) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        Permissions.ROLES.forEach(role -> byRole.put(role, List.of()));
        jdbc.sql("select role, permissions from channel_permission where channel_id = ?")
                .param(channelId)
                .query(rs -> {
                    byRole.put(rs.getString("role"), Permissions.ordered(strings(rs.getArray("permissions"))));
                });
        return byRole;
    }

    void setPermissions(UUID channelId, String role, List<String> permissions) {
        jdbc.sql("""
                        insert into channel_permission (channel_id, role, permissions) values (?, ?, ?)
                        on conflict (channel_id, role) do update set permissions = excluded.permissions
                        """)
                .params(channelId, role, permissions.toArray(String[]::new))
                .update();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Channel channel(ResultSet rs, int n) throws SQLException {
        return new Channel(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("topic"),
                rs.getString("type"),
                rs.getBoolean("archived"),
                rs.getObject("created_by", UUID.class),
                rs.getLong("member_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static ChannelMember member(ResultSet rs, int n) throws SQLException {
        return new ChannelMember(
                rs.getObject("user_id", UUID.class),
                rs.getString("role"),
                rs.getString("permission_role"),
                rs.getTimestamp("joined_at").toInstant());
    }
}
