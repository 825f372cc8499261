package dev.gantry.integrations.git.provider;

/** The account a token belongs to, as its provider answers it; name and email may be null where it publishes none. */
public record GitIdentity(String login, String name, String email) {
}
