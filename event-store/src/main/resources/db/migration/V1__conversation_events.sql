-- The event log: one row per event, unique per (conversation, seq) so a redelivered event is not stored twice.
CREATE TABLE conversation_events (
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL CHECK (seq > 0),
    id              uuid        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    source          text        NOT NULL,
    kind            text        NOT NULL,
    payload         jsonb       NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, seq)
);

-- GET /conversations/{id}/events/{eventId}
CREATE INDEX conversation_events_id ON conversation_events (id);
