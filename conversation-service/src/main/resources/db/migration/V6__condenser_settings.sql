-- a user's choice of condenser (mode LLM, RECENT_EVENTS_ONLY or OFF; most events sent; first events kept), and the
-- snapshot a conversation starts with; null columns leave it to the agent-worker's gantry.worker.condenser.*
alter table user_settings add column condenser_mode varchar(32),
    add column condenser_max_size integer,
    add column condenser_keep_first integer;
alter table conversation add column condenser_mode varchar(32),
    add column condenser_max_size integer,
    add column condenser_keep_first integer;
