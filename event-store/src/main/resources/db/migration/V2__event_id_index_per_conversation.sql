-- GET /conversations/{id}/events/{eventId} always names the conversation. An index on the event id alone
-- puts every insert on a random page of one big index (and a full-page image in the WAL after each
-- checkpoint); led by the conversation, inserts stay on the few pages of the conversations being written.
CREATE INDEX conversation_events_conversation_id_id ON conversation_events (conversation_id, id);
DROP INDEX conversation_events_id;
