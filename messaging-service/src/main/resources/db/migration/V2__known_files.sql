-- Files people may attach: a replica fed by file-service's events (file.uploaded, file.deleted). A file it does not
-- know yet (uploaded a moment ago), or one the sender does not own, is asked of file-service.
create table known_file (
    id        uuid primary key,
    owner_id  uuid not null,
    deleted   boolean not null default false
);
