-- Who belongs to which organization (org-service's member events): by default a user opens direct messages only
-- with people who share an organization with them.
create table org_member (
    organization_id  uuid not null,
    user_id          uuid not null,
    primary key (organization_id, user_id)
);
create index org_member_user on org_member (user_id);
