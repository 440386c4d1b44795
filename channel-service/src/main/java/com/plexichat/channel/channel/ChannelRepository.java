package com.plexichat.channel.channel;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The channel feature's persistence. Rows by id (channels, memberships, role permissions) go through Spring Data JPA
 * ({@link StoredChannelRepository} and the others); what one user may read, with their membership, their role's
 * permissions and their organization role in one query, is SQL ({@code JdbcClient}), as are the memberships across
 * channels. Callers see the feature's records ({@link Channel}, {@link ChannelMember}), never the entities.
 */
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
    private final StoredChannelRepository stored;
    private final StoredMemberRepository members;
    private final StoredPermissionsRepository permissions;

    ChannelRepository(
            JdbcClient jdbc,
            StoredChannelRepository stored,
            StoredMemberRepository members,
            StoredPermissionsRepository permissions) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.members = members;
        this.permissions = permissions;
    }

    /** @return false when the organization has a channel of that name (in any case) */
    boolean insert(UUID id, UUID organizationId, String name, String type, String topic, UUID createdBy, Instant now) {
        try {
            stored.saveAndFlush(new StoredChannel(id, organizationId, name, type, topic, createdBy, now));
            return true;
        } catch (DataIntegrityViolationException e) {
            return false;
        }
    }

    Optional<Channel> find(UUID id) {
        return stored.findById(id).map(c -> c.toChannel(members.countByChannelId(id)));
    }

    /** The channel locked for this transaction: member and permission changes of one channel take turns. */
    Optional<Channel> lock(UUID id) {
        return stored.lock(id).map(c -> c.toChannel(members.countByChannelId(id)));
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
        StoredChannel channel = stored.findById(id).orElseThrow();
        channel.change(name, topic, archived, now);
        try {
            stored.flush();
            return true;
        } catch (DataIntegrityViolationException e) {
            return false;
        }
    }

    /** Its members and permissions go with it (on delete cascade). */
    void delete(UUID id) {
        stored.deleteById(id);
        stored.flush();
    }

    List<UUID> channelsOf(UUID organizationId) {
        return stored.idsOf(organizationId);
    }

    Optional<ChannelMember> member(UUID channelId, UUID userId) {
        return members.findById(new StoredMember.Key(channelId, userId)).map(StoredMember::toMember);
    }

    /** PageQuery offsets are whole pages, so a page number says the same. */
    List<ChannelMember> members(UUID channelId, long offset, int limit) {
        return members
                .findByChannelIdOrderByJoinedAtAscUserIdAsc(channelId, PageRequest.of((int) (offset / limit), limit))
                .stream()
                .map(StoredMember::toMember)
                .toList();
    }

    long countMembers(UUID channelId) {
        return members.countByChannelId(channelId);
    }

    /** @return false when the user is already a member (member changes take the organization's lock first) */
    boolean addMember(UUID channelId, UUID userId, String role, String permissionRole, Instant now) {
        if (members.existsById(new StoredMember.Key(channelId, userId))) {
            return false;
        }
        // Flushed at once, as every write here: the SQL reads below see what JPA wrote in the same transaction.
        members.saveAndFlush(new StoredMember(channelId, userId, role, permissionRole, now));
        return true;
    }

    boolean removeMember(UUID channelId, UUID userId) {
        Optional<StoredMember> member = members.findById(new StoredMember.Key(channelId, userId));
        member.ifPresent(members::delete);
        members.flush();
        return member.isPresent();
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
        permissions
                .findByChannelId(channelId)
                .forEach(row -> byRole.put(row.role(), Permissions.ordered(row.permissions())));
        return byRole;
    }

    /** Under the channel's lock (or at its creation): no other request writes this role between find and save. */
    void setPermissions(UUID channelId, String role, List<String> granted) {
        permissions
                .findById(new StoredPermissions.Key(channelId, role))
                .ifPresentOrElse(
                        row -> row.permissions(granted),
                        () -> permissions.save(new StoredPermissions(channelId, role, granted)));
        permissions.flush();
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
}
