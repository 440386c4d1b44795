-- Producer side: the last version each subject (aggregate) of a versioned topic reached; one row per subject, bumped in
-- the transaction that publishes its event, so versions follow commit order.
CREATE TABLE event_subject_version
(
  topic    TEXT   NOT NULL,
  subject  TEXT   NOT NULL,
  version  BIGINT NOT NULL,
  PRIMARY KEY (topic, subject)
);

-- Consumer side: the newest version each consumer applied to each part of an aggregate (a channel's attributes, one
-- membership, ...), so that an older event arriving late is ignored instead of undoing a newer one.
CREATE TABLE applied_version
(
  consumer   TEXT   NOT NULL,
  aggregate  TEXT   NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (consumer, aggregate)
);
