-- auth-service keeps no credentials (Keycloak does): only what completes a flow later
-- (verification and reset tokens, 2FA challenges) and the second factors. Secrets are hashed
-- (SHA-256 of high-entropy values) or encrypted (AES-GCM, key from the environment).

create table email_verification (
    token_hash  char(64) primary key,
    user_id     uuid not null,
    email       varchar(320) not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index email_verification_user on email_verification (user_id);

create table password_reset (
    token_hash  char(64) primary key,
    user_id     uuid not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index password_reset_user on password_reset (user_id);

create table totp_credential (
    user_id           uuid primary key,
    secret_encrypted  text not null,
    confirmed_at      timestamptz,
    -- the last RFC 6238 time step accepted: a code is never accepted twice
    last_step         bigint not null default 0,
    created_at        timestamptz not null
);

create table recovery_code (
    user_id     uuid not null,
    code_hash   char(64) not null,
    used_at     timestamptz,
    primary key (user_id, code_hash)
);

create table login_challenge (
    id                     uuid primary key,
    user_id                uuid not null,
    tokens_encrypted       text not null,
    methods                varchar(64) not null,
    attempts               int not null default 0,
    email_code_hash        char(64),
    email_code_expires_at  timestamptz,
    expires_at             timestamptz not null,
    completed_at           timestamptz
);
create index login_challenge_user on login_challenge (user_id);
