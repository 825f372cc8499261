package dev.gantry.integrations.git.provider;

/** An issue, or a pull request (a merge request on GitLab), of a repository, by its number there. */
public record ItemRef(long number, boolean pullRequest) {
}
