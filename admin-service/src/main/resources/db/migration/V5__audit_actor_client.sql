-- Who sent the request behind an entry (the gateway's view of the client). Part of the hash when present; earlier
-- entries, without them, hash as they did.
alter table audit_entry add column actor_ip text, add column actor_user_agent text;
