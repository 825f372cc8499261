package dev.gantry.runtime.git;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.runtime.rest.ApiProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/git/clone}: the repository's URL (no credentials in it), the user name and
 * token git sends, the branch (null for the default one), the depth (0 for the whole history), how long it may
 * take, and who commits. {@link #toString()} hides the token.
 */
public record CloneRequest(String url, String username, String token, String branch, Integer depth,
        Integer timeoutSeconds, String authorName, String authorEmail) {

    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
    private static final int MAX_TIMEOUT_SECONDS = 3600;

    /** Checks every field, naming each bad one in one 400; the token is never echoed. */
    public CloneRequest validate() {
        List<FieldError> errors = new ArrayList<>();
        try {
            URI uri = URI.create(url == null ? "" : url);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null || uri.getRawUserInfo() != null) {
                errors.add(new FieldError("url", "must be an http(s) URL with no user information"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("url", "is not a URL"));
        }
        if ((username == null) != (token == null)) {
            errors.add(new FieldError("token", "goes with a username, both or neither"));
        }
        if (token != null && (token.isEmpty() || token.indexOf('\n') >= 0 || token.indexOf('\0') >= 0)) {
            errors.add(new FieldError("token", "must be one line of text"));
        }
        if (username != null && (username.isEmpty() || username.indexOf('\n') >= 0)) {
            errors.add(new FieldError("username", "must be one line of text"));
        }
        if (branch != null && (!BRANCH.matcher(branch).matches() || branch.startsWith("-") || branch.contains(".."))) {
            errors.add(new FieldError("branch", "must be a branch name"));
        }
        if (depth != null && depth < 0) {
            errors.add(new FieldError("depth", "must be 0 (the whole history) or more"));
        }
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError("timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS));
        }
        if (authorName != null && authorName.indexOf('\n') >= 0) {
            errors.add(new FieldError("authorName", "must be one line"));
        }
        if (authorEmail != null && authorEmail.indexOf('\n') >= 0) {
            errors.add(new FieldError("authorEmail", "must be one line"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return this;
    }

    @Override
    public String toString() {
        return "CloneRequest[url=" + url + ", branch=" + branch + "]";
    }
}
