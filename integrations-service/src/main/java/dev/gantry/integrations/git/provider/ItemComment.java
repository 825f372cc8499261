package dev.gantry.integrations.git.provider;

/** A comment on an issue or pull request: who wrote it and its text (Markdown). */
public record ItemComment(String author, String body) {
}
