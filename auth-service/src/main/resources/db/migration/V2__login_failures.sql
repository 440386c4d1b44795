-- Failed logins per typed name and client (docs/auth.md): past the limit, that client waits out the window for that
-- name, and every other client (the account's owner among them) is unaffected. The name is stored hashed, so the
-- table holds no usernames or addresses, and exists or not, every name is counted alike.
create table login_failure (
    name_hash     char(64) not null,
    client        varchar(64) not null,
    failures      integer not null,
    window_start  timestamptz not null,
    primary key (name_hash, client)
);
create index login_failure_window on login_failure (window_start);
