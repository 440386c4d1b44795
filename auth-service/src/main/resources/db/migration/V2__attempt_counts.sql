-- Attempts counted in fixed windows (docs/auth.md): failed logins per typed name and client address, second-factor
-- failures per user across challenges, login codes and password-reset mails per account. The subject is stored
-- hashed (SHA-256), so the table holds no usernames, addresses or ids in the clear, and a name of no account is
-- counted like any other.
create table attempt_count (
    kind          varchar(32) not null,
    subject       char(64) not null,
    attempts      integer not null,
    window_start  timestamptz not null,
    primary key (kind, subject)
);
create index attempt_count_window on attempt_count (window_start);
