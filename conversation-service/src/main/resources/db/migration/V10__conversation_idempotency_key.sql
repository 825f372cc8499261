-- The Idempotency-Key a create was made with (README, "Driving it over the API"), and the SHA-256 of its request:
-- a repeat with the key answers this conversation, a repeat with another request is refused. The unique index makes
-- two creates with the same key of the same owner make one conversation; the second waits for the first's commit.
alter table conversation add column idempotency_key varchar(255);
alter table conversation add column request_fingerprint varchar(64);
create unique index conversation_owner_idempotency_key on conversation (owner_id, idempotency_key)
    where idempotency_key is not null;
