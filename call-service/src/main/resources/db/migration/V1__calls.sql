-- Replicas: channels (their type, archived flag, members' permission roles and the role -> permissions table, from
-- channel-service's events) and DMs (participants, from messaging-service's dm.created).
create table channel (
    id uuid primary key,
    organization_id uuid,
    type varchar(16),
    archived boolean not null default false,
    updated_at timestamptz not null
);

create table channel_member (
    channel_id uuid not null references channel (id) on delete cascade,
    user_id uuid not null,
    permission_role varchar(16) not null,
    primary key (channel_id, user_id)
);

create table channel_permission (
    channel_id uuid not null references channel (id) on delete cascade,
    role varchar(16) not null,
    permissions text[] not null,
    primary key (channel_id, role)
);

create table dm (
    id uuid primary key,
    participant_ids uuid[] not null,
    created_at timestamptz not null
);

-- Calls, in a channel or a DM; one ringing or active call per conversation at a time.
create table call (
    id uuid primary key,
    conversation_id uuid not null,
    conversation_type varchar(8) not null check (conversation_type in ('channel', 'dm')),
    organization_id uuid,
    type varchar(8) not null check (type in ('voice', 'video')),
    status varchar(10) not null check (status in ('ringing', 'active', 'ended', 'missed', 'declined')),
    started_by uuid not null,
    started_at timestamptz not null,
    ended_at timestamptz,
    declined_by uuid[] not null default '{}'
);

create unique index call_one_live_per_conversation on call (conversation_id) where status in ('ringing', 'active');
create index call_conversation on call (conversation_id, started_at desc);
create index call_ringing on call (started_at) where status = 'ringing';

-- Who is in a room: a voice channel (room = the channel's id) or a call (room = the call's id). A row per stay;
-- left_at set when it ends. last_seen_at is the signaling socket's heartbeat (null until a socket attaches): a stay
-- whose socket went silent for heartbeat-timeout ends, whichever replica held the socket.
create table participant (
    session_id uuid primary key,
    room_id uuid not null,
    room_kind varchar(8) not null check (room_kind in ('voice', 'call')),
    user_id uuid not null,
    joined_at timestamptz not null,
    left_at timestamptz,
    muted boolean not null default false,
    video boolean not null default false,
    screen_sharing boolean not null default false,
    hand_raised boolean not null default false,
    last_seen_at timestamptz
);

create unique index participant_present on participant (room_id, user_id) where left_at is null;
create index participant_room on participant (room_id, joined_at);
create index participant_heartbeat on participant (last_seen_at) where left_at is null and last_seen_at is not null;
