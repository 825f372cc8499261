package dev.gantry.integrations.git.provider;

/** A repository the user may work on. {@code fullName} is its path on the host ({@code owner/name}). */
public record RepositorySummary(String fullName, String defaultBranch, boolean isPrivate, String webUrl) {
}
