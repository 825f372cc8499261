-- the names of the user's secrets exported to the sandbox's shell, comma-separated (names have no comma)
alter table user_settings add column sandbox_secrets varchar(6600);
alter table conversation add column sandbox_secrets varchar(6600);
