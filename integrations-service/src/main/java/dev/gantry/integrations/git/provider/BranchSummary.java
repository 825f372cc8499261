package dev.gantry.integrations.git.provider;

/** A branch of a repository and the commit it points to. */
public record BranchSummary(String name, String commit, boolean isProtected) {
}
