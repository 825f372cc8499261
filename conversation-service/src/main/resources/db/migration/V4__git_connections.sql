-- A user's connections to git hosts: the provider, where its API and repositories are, the name of the
-- user's secret holding the access token (never the token), and the identity the provider answered for it
create table git_connection (
    id                uuid primary key,
    user_id           varchar(255)  not null,
    provider          varchar(32)   not null,
    host              varchar(255)  not null,
    api_url           varchar(2000) not null,
    git_url           varchar(2000) not null,
    token_secret_name varchar(128)  not null,
    login             varchar(255)  not null,
    display_name      varchar(255),
    email             varchar(320),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    unique (user_id, host)
);

-- the host a conversation's repository is on (its connection), and the pull requests its agent opened (JSON array)
alter table conversation add column repository_host varchar(255);
alter table conversation add column pull_requests text;
