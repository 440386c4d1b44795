-- Which users exist: a replica fed by user.registered / user.deleted, so adding a member needs no call.
create table known_user (
    id          uuid primary key,
    deleted     boolean not null default false,
    updated_at  timestamptz not null
);

create table organization (
    id           uuid primary key,
    name         varchar(100) not null,
    slug         varchar(64) not null unique,
    description  varchar(1000),
    owner_id     uuid not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create table member (
    organization_id  uuid not null references organization (id) on delete cascade,
    user_id          uuid not null,
    role             varchar(16) not null,
    joined_at        timestamptz not null,
    primary key (organization_id, user_id)
);
create index member_user on member (user_id);
