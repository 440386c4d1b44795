package com.plexichat.messaging.orgmember;

import com.plexichat.platform.events.org.OrgMemberReplica;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The replica of organization membership, fed by org-service's events. */
@Repository
public class OrgMembers implements OrgMemberReplica {

    private final JdbcClient jdbc;

    OrgMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether every one of {@code others} shares at least one organization with {@code userId}. */
    public boolean eachSharesAnOrganizationWith(UUID userId, Collection<UUID> others) {
        long sharing = jdbc.sql("""
                        select count(distinct theirs.user_id) from org_member mine
                        join org_member theirs on theirs.organization_id = mine.organization_id
                        where mine.user_id = ? and theirs.user_id = any(cast(? as uuid[]))
                        """)
                .params(userId, others.stream().map(UUID::toString).toArray(String[]::new))
                .query(Long.class)
                .single();
        return sharing == others.size();
    }

    @Override
    public void memberAdded(UUID organizationId, UUID userId, String role) {
        jdbc.sql("insert into org_member (organization_id, user_id) values (?, ?) on conflict do nothing")
                .params(organizationId, userId)
                .update();
    }

    @Override
    public void memberRemoved(UUID organizationId, UUID userId) {
        jdbc.sql("delete from org_member where organization_id = ? and user_id = ?")
                .params(organizationId, userId)
                .update();
    }

    @Override
    public void organizationDeleted(UUID organizationId) {
        jdbc.sql("delete from org_member where organization_id = ?")
                .param(organizationId)
                .update();
    }
}
