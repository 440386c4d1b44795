-- Who belongs to which organization, with which role: a replica fed by org-service's events.
create table org_member (
    organization_id  uuid not null,
    user_id          uuid not null,
    role             varchar(16) not null,
    primary key (organization_id, user_id)
);
create index org_member_user on org_member (user_id);

-- Organizations whose org.deleted was applied: no channel is created in them afterwards.
create table deleted_organization (
    id          uuid primary key,
    deleted_at  timestamptz not null
);

create table channel (
    id               uuid primary key,
    organization_id  uuid not null,
    name             varchar(80) not null,
    type             varchar(16) not null,
    topic            varchar(250),
    archived         boolean not null default false,
    created_by       uuid not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
-- Names are unique per organization regardless of case ("General" and "general" are one channel).
create unique index channel_name on channel (organization_id, lower(name));

create table channel_member (
    channel_id       uuid not null references channel (id) on delete cascade,
    user_id          uuid not null,
    role             varchar(16) not null,
    -- admin, member or guest: whose permissions apply (guest for a guest of the organization).
    permission_role  varchar(16) not null,
    joined_at        timestamptz not null,
    primary key (channel_id, user_id)
);
create index channel_member_user on channel_member (user_id);

create table channel_permission (
    channel_id   uuid not null references channel (id) on delete cascade,
    role         varchar(16) not null,
    permissions  text[] not null,
    primary key (channel_id, role)
);
