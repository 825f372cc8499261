-- Admission (README, "Many conversations at once"): a conversation that would run while the platform or its owner
-- has as many running as allowed is queued (status QUEUED, since queued_at) and the commands it was given wait in the
-- outbox, held for it (held_for), until the admission pass lets it run and releases them in the order they were written.
alter table conversation add column queued_at timestamptz;
create index conversation_admission on conversation (status, owner_id) where status in ('RUNNING', 'QUEUED');
alter table outbox_message add column held_for uuid;
create index outbox_message_held on outbox_message (held_for) where held_for is not null;
