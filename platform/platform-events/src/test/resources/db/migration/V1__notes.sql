CREATE TABLE note (id UUID PRIMARY KEY, text TEXT NOT NULL);
-- No unique key on purpose: a doubled effect would show as two rows.
CREATE TABLE received_note (note_id UUID NOT NULL, text TEXT NOT NULL, event_id TEXT NOT NULL);
