package dev.gantry.runtime.git;

/** What was checked out: the branch and its commit, in the workspace. */
public record CloneResult(String branch, String commit, String directory) {
}
