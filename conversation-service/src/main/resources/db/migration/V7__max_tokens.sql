-- the token budget of a user's settings and of the settings a conversation was started with; null: no limit
alter table user_settings add column max_tokens bigint;
alter table conversation add column max_tokens bigint;
