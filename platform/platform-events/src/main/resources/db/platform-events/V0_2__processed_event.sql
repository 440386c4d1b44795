-- Ids of the events each consumer has applied, written in the consumer's transaction (idempotency).
CREATE TABLE processed_event
(
  consumer     TEXT        NOT NULL,
  event_id     TEXT        NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
