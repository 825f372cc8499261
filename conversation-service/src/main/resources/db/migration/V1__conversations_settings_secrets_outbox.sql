-- Conversations: metadata set by the API, status/metrics/last_seq kept current by the event projection
create table conversation (
    id                  uuid primary key,
    owner_id            varchar(255)  not null,
    title               varchar(200),
    status              varchar(32)   not null,
    repository          varchar(500),
    branch              varchar(255),
    sandbox_id          uuid          not null,
    -- the agent settings snapshotted when the conversation was created
    model               varchar(200)  not null,
    base_url            varchar(2000),
    api_key_secret_name varchar(128),
    max_iterations      integer       not null,
    confirmation_policy varchar(16)   not null,
    max_budget          numeric,
    prompt_tokens       bigint        not null default 0,
    completion_tokens   bigint        not null default 0,
    cost                numeric,
    llm_calls           bigint        not null default 0,
    llm_latency_millis  bigint        not null default 0,
    last_seq            bigint        not null default 0,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
-- keyset paging per owner in both sort orders
create index conversation_owner_created on conversation (owner_id, created_at, id);
create index conversation_owner_updated on conversation (owner_id, updated_at, id);

-- Only what a user changed; the rest comes from config defaults when read
create table user_settings (
    user_id             varchar(255) primary key,
    model               varchar(200),
    base_url            varchar(2000),
    api_key_secret_name varchar(128),
    max_iterations      integer,
    confirmation_policy varchar(16),
    max_budget          numeric,
    updated_at          timestamptz  not null
);

-- ciphertext = 12-byte GCM nonce || AES-256-GCM ciphertext with its tag; never the plaintext
create table user_secret (
    id          uuid primary key,
    user_id     varchar(255) not null,
    name        varchar(128) not null,
    description varchar(500),
    ciphertext  bytea        not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint user_secret_name unique (user_id, name)
);

-- args and headers are JSON text: the service writes and reads them whole
create table mcp_server (
    id         uuid primary key,
    user_id    varchar(255)  not null,
    name       varchar(128)  not null,
    transport  varchar(32)   not null,
    command    varchar(1000),
    args       text,
    url        varchar(2000),
    headers    text,
    created_at timestamptz   not null,
    updated_at timestamptz   not null,
    constraint mcp_server_name unique (user_id, name)
);

create table event_callback (
    id                  uuid primary key,
    user_id             varchar(255)  not null,
    url                 varchar(2000) not null,
    event_kinds         text          not null,
    signing_secret_name varchar(128)  not null,
    created_at          timestamptz   not null
);
create index event_callback_user on event_callback (user_id, created_at, id);

-- Transactional outbox: written in the same transaction as the change that issues the command,
-- relayed to Kafka in id order, kept for a while after it was sent
create table outbox_message (
    id          bigint generated always as identity primary key,
    topic       varchar(255)  not null,
    record_key  varchar(255)  not null,
    command_id  uuid          not null unique,
    kind        varchar(64)   not null,
    payload     text          not null,
    created_at  timestamptz   not null,
    attempts    integer       not null default 0,
    last_error  varchar(1000),
    sent_at     timestamptz
);
create index outbox_message_pending on outbox_message (id) where sent_at is null;
create index outbox_message_sent on outbox_message (sent_at) where sent_at is not null;
