-- The administrator's settings: one row, its version bumped by every change (the ETag). No row: the defaults.
create table settings (
    id smallint primary key check (id = 1),
    version bigint not null,
    value jsonb not null,
    updated_at timestamptz not null,
    updated_by uuid
);
