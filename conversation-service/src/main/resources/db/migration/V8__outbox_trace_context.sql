-- the W3C traceparent of the request that issued an outbox command: its Kafka record continues that trace
alter table outbox_message add column traceparent text;
