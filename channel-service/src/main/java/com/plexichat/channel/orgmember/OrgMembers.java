package com.plexichat.channel.orgmember;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who belongs to which organization with which role. The replica, fed by org-service's events, answers
 * first; when it does not know the user yet (the organization was created or the member added a
 * moment ago and the event is still on its way) org-service is asked once.
 */
@Component
public class OrgMembers {

    private final JdbcClient jdbc;
    private final OrgServiceClient orgService;

    OrgMembers(JdbcClient jdbc, OrgServiceClient orgService) {
        this.jdbc = jdbc;
        this.orgService = orgService;
    }

    /** The user's role in the organization, from the replica or else from org-service; empty for outsiders. */
    public Optional<String> role(UUID organizationId, UUID userId) {
        Optional<String> known = replicaRole(organizationId, userId);
        if (known.isPresent() || isDeleted(organizationId)) {
            return known;
        }
        return orgService.role(organizationId, userId);
    }

    /** The replica only: for callers without a user's token (internal requests, event handlers). */
    public Optional<String> replicaRole(UUID organizationId, UUID userId) {
        return jdbc.sql("select role from org_member where organization_id = ? and user_id = ?")
                .params(organizationId, userId)
                .query(String.class)
                .optional();
    }

    /**
     * Serialises, for this transaction, everything that adds to or cascades through one organization's
     * channels: a channel or member added while the organization (or the user's membership) is being
     * removed would otherwise survive the cascade.
     */
    public void lock(UUID organizationId) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(organizationId.getMostSignificantBits() ^ organizationId.getLeastSignificantBits())
                .query((rs, n) -> 1)
                .list();
    }

    public boolean isDeleted(UUID organizationId) {
        return jdbc.sql("select count(*) from deleted_organization where id = ?")
                        .param(organizationId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void added(UUID organizationId, UUID userId, String role) {
        jdbc.sql("""
                        insert into org_member (organization_id, user_id, role) values (?, ?, ?)
                        on conflict (organization_id, user_id) do update set role = excluded.role
                        """).params(organizationId, userId, role).update();
    }

    public void removed(UUID organizationId, UUID userId) {
        jdbc.sql("delete from org_member where organization_id = ? and user_id = ?")
                .params(organizationId, userId)
                .update();
    }

    public void organizationDeleted(UUID organizationId, Instant at) {
        jdbc.sql("delete from org_member where organization_id = ?")
                .param(organizationId)
                .update();
        jdbc.sql("insert into deleted_organization (id, deleted_at) values (?, ?) on conflict do nothing")
                .params(organizationId, Timestamp.from(at))
                .update();
    }

    /** The organizations the replica has the user in, for removing a deleted user everywhere. */
    public List<UUID> organizationsOf(UUID userId) {
        return jdbc.sql("select organization_id from org_member where user_id = ?")
                .param(userId)
                .query(UUID.class)
                .list();
    }

    public void userDeleted(UUID userId) {
        jdbc.sql("delete from org_member where user_id = ?").param(userId).update();
    }
}
