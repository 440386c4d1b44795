-- A stored file: its metadata row exists only once its object in S3 is complete. The object key never derives
-- from the file's name.
create table stored_file (
    id                uuid primary key,
    owner_id          uuid not null,
    name              varchar(255) not null,
    content_type      varchar(255) not null,
    size              bigint not null,
    sha256            char(64) not null,
    object_key        varchar(128) not null unique,
    -- the conversation it was uploaded for, if any (its readers see it once a message there attaches it)
    conversation_id   uuid,
    -- pending | ready | none (not an image) | too_large | failed
    thumbnail_status  varchar(16) not null,
    thumbnail_key     varchar(128),
    created_at        timestamptz not null
);
create index stored_file_owner on stored_file (owner_id, created_at desc, id);

-- Bytes each user stores, for the quota: changed in the transaction that adds or removes a file.
create table storage_usage (
    user_id     uuid primary key,
    used_bytes  bigint not null check (used_bytes >= 0)
);

-- Objects in S3 without a file row: an upload in flight, or the object of a deleted file still to remove. The
-- sweeper removes what stays here longer than an upload can take (a crash between the two steps).
create table pending_object (
    object_key  varchar(128) primary key,
    created_at  timestamptz not null
);

-- Where each file was attached (from message.sent): the readers of those conversations may read it.
create table file_attachment (
    file_id          uuid not null references stored_file (id) on delete cascade,
    message_id       uuid not null,
    conversation_id  uuid not null,
    primary key (file_id, message_id)
);
create index file_attachment_conversation on file_attachment (conversation_id, file_id);
create index file_attachment_message on file_attachment (message_id);

-- Share links: the token in the URL names the row and is signed; revoking or deleting the file ends them.
create table share_link (
    id          uuid primary key,
    file_id     uuid not null references stored_file (id) on delete cascade,
    created_by  uuid not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    created_at  timestamptz not null
);
create index share_link_file on share_link (file_id);

-- Resumable uploads: an S3 multipart upload with the parts received so far. Expired sessions are aborted.
create table upload_session (
    id               uuid primary key,
    owner_id         uuid not null,
    file_id          uuid not null unique,
    object_key       varchar(128) not null unique,
    s3_upload_id     varchar(1024) not null,
    name             varchar(255) not null,
    size             bigint not null,
    part_size        bigint not null,
    conversation_id  uuid,
    expires_at       timestamptz not null,
    created_at       timestamptz not null
);
create index upload_session_expiry on upload_session (expires_at);

create table upload_part (
    session_id   uuid not null references upload_session (id) on delete cascade,
    part_number  integer not null,
    etag         varchar(256) not null,
    size         bigint not null,
    primary key (session_id, part_number)
);

-- A replica of conversations (channel-service's and messaging-service's events): who is in which channel or DM,
-- and what each channel role may do. A miss is asked of messaging-service.
create table conversation (
    id               uuid primary key,
    kind             varchar(8) not null,
    organization_id  uuid,
    archived         boolean not null default false
);

create table conversation_member (
    conversation_id  uuid not null references conversation (id) on delete cascade,
    user_id          uuid not null,
    -- whose permissions apply in a channel: admin | member | guest; DMs: participant
    permission_role  varchar(16) not null,
    primary key (conversation_id, user_id)
);
create index conversation_member_user on conversation_member (user_id);

create table channel_permission (
    conversation_id  uuid not null references conversation (id) on delete cascade,
    role             varchar(16) not null,
    permissions      text[] not null,
    primary key (conversation_id, role)
);
