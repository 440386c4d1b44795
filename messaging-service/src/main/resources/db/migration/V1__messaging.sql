-- Users by username (for @mentions) and whether they still exist: a replica fed by user events.
create table known_user (
    id        uuid primary key,
    username  varchar(64),
    deleted   boolean not null default false
);
create index known_user_username on known_user (username);

-- A conversation is a channel (replica of channel-service's events) or a DM (owned here). It holds
-- the sequence counter: the next message takes last_seq + 1 under this row's lock, so seq has no gaps.
create table conversation (
    id               uuid primary key,
    kind             varchar(8) not null,
    organization_id  uuid,
    channel_type     varchar(16),
    archived         boolean not null default false,
    -- a DM's participants, sorted and joined: the same set is the same conversation
    participant_key  varchar(400) unique,
    created_by       uuid,
    last_seq         bigint not null default 0,
    last_message_at  timestamptz,
    created_at       timestamptz not null
);

create table conversation_member (
    conversation_id  uuid not null references conversation (id) on delete cascade,
    user_id          uuid not null,
    -- channels: admin | member; DMs: participant
    role             varchar(16) not null,
    -- whose permissions apply in a channel: admin | member | guest
    permission_role  varchar(16) not null,
    last_read_seq    bigint not null default 0,
    joined_at        timestamptz not null,
    primary key (conversation_id, user_id)
);
create index conversation_member_user on conversation_member (user_id);

create table channel_permission (
    conversation_id  uuid not null references conversation (id) on delete cascade,
    role             varchar(16) not null,
    permissions      text[] not null,
    primary key (conversation_id, role)
);

create table message (
    id                  uuid primary key,
    conversation_id     uuid not null references conversation (id) on delete cascade,
    seq                 bigint not null,
    author_id           uuid not null,
    content             text,
    thread_root_id      uuid references message (id) on delete cascade,
    reply_count         integer not null default 0,
    last_reply_at       timestamptz,
    attachments         uuid[] not null default '{}',
    mentions            text[] not null default '{}',
    mentioned_user_ids  uuid[] not null default '{}',
    mentions_channel    boolean not null default false,
    client_msg_id       varchar(64),
    edited_at           timestamptz,
    deleted             boolean not null default false,
    deleted_at          timestamptz,
    created_at          timestamptz not null,
    unique (conversation_id, seq)
);
-- The same client_msg_id from the same author in the same conversation is the same message.
create unique index message_client_msg_id on message (conversation_id, author_id, client_msg_id)
    where client_msg_id is not null;
create index message_thread on message (thread_root_id, seq) where thread_root_id is not null;

create table message_edit (
    message_id  uuid not null references message (id) on delete cascade,
    version     integer not null,
    content     text not null,
    edited_at   timestamptz not null,
    primary key (message_id, version)
);

create table reaction (
    message_id  uuid not null references message (id) on delete cascade,
    emoji       varchar(64) not null,
    user_id     uuid not null,
    created_at  timestamptz not null,
    primary key (message_id, emoji, user_id)
);
