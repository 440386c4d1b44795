-- The users user-service knows, fed by auth-service's user.registered / user.deleted events; the
-- profile and presence are owned here.
create table app_user (
    id              uuid primary key,
    -- 3-32 characters from auth-service; a tombstone (deleted before its registration arrived) uses 'deleted:<id>'
    username        varchar(64) not null unique,
    email           varchar(320),
    display_name    varchar(64) not null,
    avatar_file_id  uuid,
    avatar_url      varchar(2048),
    bio             varchar(1000),
    timezone        varchar(64),
    title           varchar(100),
    status          varchar(16) not null default 'active',
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
-- q matches a prefix of the username or of the display name (case-insensitive).
create index app_user_username_prefix on app_user (username text_pattern_ops);
create index app_user_display_name_prefix on app_user (lower(display_name) text_pattern_ops);

create table presence (
    user_id         uuid primary key references app_user (id) on delete cascade,
    -- set by WebSocket connect/disconnect (online/offline)
    auto_status     varchar(16) not null default 'offline',
    -- set by the user (away, dnd, ...); wins over auto_status until changed or expired
    manual_status   varchar(16),
    custom_text     varchar(128),
    custom_emoji    varchar(64),
    expires_at      timestamptz,
    last_active_at  timestamptz,
    updated_at      timestamptz not null
);

-- Who belongs to which organization (org-service's member events), for GET /v1/users?organization_id=.
create table org_member (
    organization_id  uuid not null,
    user_id          uuid not null,
    primary key (organization_id, user_id)
);
create index org_member_user on org_member (user_id);
