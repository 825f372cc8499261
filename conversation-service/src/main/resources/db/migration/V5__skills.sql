-- A user's skills: instructions the agent of each of the user's conversations gets, always (no triggers) or once a
-- user message contains one of the triggers (a JSON array of strings)
create table skill (
    id         uuid primary key,
    user_id    varchar(255) not null,
    name       varchar(128) not null,
    triggers   text,
    content    text         not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    constraint skill_name unique (user_id, name)
);
