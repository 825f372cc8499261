-- an event callback may be posted unsigned (the gateway accepts one without a signing secret)
alter table event_callback alter column signing_secret_name drop not null;
