-- The statistics' own read model, built from the events admin-service consumes (never another service's
-- database). Users come from the admin_user replica.
create table stats_organization (id uuid primary key, created_at timestamptz not null);
create table stats_channel (id uuid primary key, organization_id uuid, created_at timestamptz not null);
create table stats_dm (id uuid primary key, created_at timestamptz not null);
create table stats_file (id uuid primary key, size bigint not null, uploaded_at timestamptz not null);
create table stats_message_day (day date primary key, messages bigint not null);
create table stats_connection (
    id text primary key,
    user_id uuid not null,
    instance_id text not null,
    opened_at timestamptz not null
);
