-- The users as administrators see them: a replica of auth-service's and user-service's events, plus the status,
-- which this service owns.
create table admin_user (
    id uuid primary key,
    username text not null,
    email text,
    display_name text,
    status text not null default 'active' check (status in ('active', 'suspended', 'deleted')),
    status_reason text,
    roles text[] not null default '{user}',
    created_at timestamptz not null,
    last_active_at timestamptz,
    updated_at timestamptz not null
);

-- Prefix search on username and email (lower-cased, as clients type them).
create index admin_user_username_prefix on admin_user (lower(username) text_pattern_ops);
create index admin_user_email_prefix on admin_user (lower(email) text_pattern_ops);
create index admin_user_created on admin_user (created_at, id);

-- API keys: only the SHA-256 of the key is kept; the prefix is what people recognise it by.
create table api_key (
    id uuid primary key,
    prefix text not null unique,
    name text not null,
    secret_hash char(64) not null unique,
    scopes text[] not null,
    organization_id uuid,
    created_by uuid,
    created_at timestamptz not null,
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz
);

create index api_key_created on api_key (created_at, id);
