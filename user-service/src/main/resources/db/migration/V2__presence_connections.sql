-- The realtime connections (messaging-service's WebSockets) each user has open: online while any.
create table presence_connection (
    connection_id  varchar(200) primary key,
    user_id        uuid not null,
    instance_id    varchar(100) not null,
    opened_at      timestamptz not null
);
create index presence_connection_user on presence_connection (user_id);
