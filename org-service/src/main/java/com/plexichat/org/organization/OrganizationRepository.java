package com.plexichat.org.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {

    record Organization(
            UUID id, String name, String slug, String description, UUID ownerId, long memberCount, Instant createdAt) {}

    record Member(UUID userId, String role, Instant joinedAt) {}

    private static final String SELECT = """
            select o.id, o.name, o.slug, o.description, o.owner_id, o.created_at,
                   (select count(*) from member m where m.organization_id = o.id) as member_count
            from organization o
            """;

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the slug is taken */
    boolean insert(UUID id, String name, String slug, String description, UUID ownerId, Instant now) {
        try {
            jdbc.sql("""
                            insert into organization (id, name, slug, description, owner_id, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(id, name, slug, description, ownerId, Timestamp.from(now), Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Organization> find(UUID id) {
        return jdbc.sql(SELECT + " where o.id = ?")
                .param(id)
                .query(OrganizationRepository::organization)
                .optional();
    }

    /** The organization locked for this transaction (member changes of one organization take turns). */
    Optional<Organization> lock(UUID id) {
        jdbc.sql("select id from organization where id = ? for update")
                .param(id)
                .query(UUID.class)
                .optional();
        return find(id);
    }

    List<Organization> ofUser(UUID userId, long offset, int limit) {
        return jdbc.sql(SELECT + """
                         join member me on me.organization_id = o.id and me.user_id = ?
                        order by o.name, o.id limit ? offset ?
                        """)
                .params(userId, limit, offset)
                .query(OrganizationRepository::organization)
                .list();
    }

    long countOfUser(UUID userId) {
        return jdbc.sql("select count(*) from member where user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** @return false when the new slug is taken */
    boolean update(UUID id, String name, String slug, String description, Instant now) {
        try {
            jdbc.sql("update organization set name = ?, slug = ?, description = ?, updated_at = ? where id = ?")
                    .params(name, slug, description, Timestamp.from(now), id)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(UUID id) {
        jdbc.sql("delete from organization where id = ?").param(id).update();
    }

    Optional<Member> member(UUID organizationId, UUID userId) {
        return jdbc.sql("select user_id, role, joined_at from member where organization_id = ? and user_id = ?")
                .params(organizationId, userId)
                .query(OrganizationRepository::member)
                .optional();
    }

    List<Member> members(UUID organizationId, long offset, int limit) {
        return jdbc.sql("""
                        select user_id, role, joined_at from member where organization_id = ?
                        order by joined_at, user_id limit ? offset ?
                        """)
                .params(organizationId, limit, offset)
                .query(OrganizationRepository::member)
                .list();
    }

    long countMembers(UUID organizationId) {
        return jdbc.sql("select count(*) from member where organization_id = ?")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    long countOwners(UUID organizationId) {
        return jdbc.sql("select count(*) from member where organization_id = ? and role = 'owner'")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    /** @return false when the user is already a member */
    boolean addMember(UUID organizationId, UUID userId, String role, Instant now) {
        return jdbc.sql("""
                                insert into member (organization_id, user_id, role, joined_at) values (?, ?, ?, ?)
                                on conflict do nothing
                                """)
                        .params(organizationId, userId, role, Timestamp.from(now))
                        .update()
                == 1;
    }

    void removeMember(UUID organizationId, UUID userId) {
        jdbc.sql("delete from member where organization_id = ? and user_id = ?")
                .params(organizationId, userId)
                .update();
    }

    /** The memberships of a user, for removing them all when the user is deleted. */
    List<UUID> organizationsOf(UUID userId) {
        return jdbc.sql("select organization_id from member where user_id = ?")
                .param(userId)
                .query(UUID.class)
                .list();
    }

    private static Organization organization(ResultSet rs, int n) throws SQLException {
        return new Organization(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getString("description"),
                rs.getObject("owner_id", UUID.class),
                rs.getLong("member_count"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(
                rs.getObject("user_id", UUID.class),
                rs.getString("role"),
                rs.getTimestamp("joined_at").toInstant());
    }
}
