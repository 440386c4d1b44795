package com.plexichat.user.membership;

import com.plexichat.platform.events.org.OrgMemberReplica;
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

    public boolean isMember(UUID organizationId, UUID userId) {
        return jdbc.sql("select count(*) from org_member where organization_id = ? and user_id = ?")
                        .params(organizationId, userId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Whether the two users are members of one organization at least. */
    public boolean shareAnOrganization(UUID userId, UUID otherId) {
        return jdbc.sql("""
                        select exists (
                            select 1 from org_member mine
                            join org_member theirs on theirs.organization_id = mine.organization_id
                            where mine.user_id = ? and theirs.user_id = ?)
                        """).params(userId, otherId).query(Boolean.class).single();
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
