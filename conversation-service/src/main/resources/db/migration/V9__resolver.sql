-- The resolver (README, "The resolver"): which repository's webhooks start conversations, and as whom. The webhook
-- secret is named (one of the user's secrets), never stored here.
create table resolver_configuration (
    id                  uuid primary key,
    user_id             varchar(255)  not null,
    provider            varchar(32)   not null,
    host                varchar(255)  not null,
    repository          varchar(500)  not null,
    webhook_secret_name varchar(128)  not null,
    label               varchar(100)  not null,
    mention             varchar(100)  not null,
    created_by          varchar(255)  not null,
    created_at          timestamptz   not null,
    unique (provider, host, repository)
);

-- One row per delivery that started a conversation, written in the transaction that creates the conversation:
-- a delivery seen again (the provider's redelivery, the topic read again after a crash) starts nothing.
create table resolver_job (
    conversation_id      uuid primary key,
    provider             varchar(32)   not null,
    delivery_id          varchar(255)  not null,
    configuration_id     uuid          not null,
    user_id              varchar(255)  not null,
    host                 varchar(255)  not null,
    repository           varchar(500)  not null,
    item_number          bigint        not null,
    pull_request         boolean       not null,
    start_comment_posted boolean       not null default false,
    closing_comment_posted boolean     not null default false,
    created_at           timestamptz   not null,
    unique (provider, delivery_id)
);
