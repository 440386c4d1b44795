-- The audit log: append-only, one hash chain. hash = SHA-256(prev_hash || canonical JSON of the entry); the first
-- entry's prev_hash is 64 zeros. A single writer (an advisory lock) appends; the triggers refuse every change.
create table audit_entry (
    seq bigint primary key,
    id uuid not null unique,
    time timestamptz not null,
    actor_user_id uuid,
    actor_api_key_id uuid,
    action text not null,
    target_type text,
    target_id text,
    outcome text not null,
    details jsonb not null,
    request_id text,
    source_event_id text unique,
    prev_hash char(64) not null,
    hash char(64) not null
);

create index audit_entry_actor on audit_entry (actor_user_id, seq);
create index audit_entry_action on audit_entry (action, seq);
create index audit_entry_target on audit_entry (target_type, target_id, seq);
create index audit_entry_time on audit_entry (time);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_no_update_or_delete before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
