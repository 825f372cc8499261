package dev.gantry.conversation.service;

import dev.gantry.conversation.repository.GitConnectionEntity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A conversation's {@code repository} as the user wrote it, resolved against their git connections: either
 * {@code owner/name} (GitLab: {@code group/subgroup/name}) on the host of one of their connections, or the URL of
 * a repository on a connected host ({@code https://host/owner/name[.git]}).
 *
 * @param host the connection's host
 * @param path the repository's path on it, without {@code .git}
 */
public record RepositoryReference(String host, String path) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final int MAX_SEGMENTS = 20;
    static final String FIELD = "repository";
    static final String FORM = "must be owner/name or the https URL of a repository on a connected git host";

    /**
     * Resolves the repository against the user's connections, or fails with a problem naming {@code repository}:
     * a form that is neither, a host with no connection, or {@code owner/name} with no connection to pick.
     */
    public static RepositoryReference resolve(String repository, List<GitConnectionEntity> connections) {
        String written = repository.strip();
        if (written.contains("://")) {
            return fromUrl(written, connections);
        }
        String path = pathOf(written).orElseThrow(() -> ProblemException.invalid(FIELD, FORM));
        if (connections.isEmpty()) {
            throw ProblemException.invalid(FIELD, "needs a git connection: none is configured (POST /api/v1/git/connections)");
        }
        if (connections.size() == 1) {
            return new RepositoryReference(connections.get(0).host, path);
        }
        // several hosts: owner/name means github.com when it is one of them, as on OpenHands; else the URL is needed
        return connections.stream().filter(c -> c.host.equals("github.com")).findFirst()
                .map(c -> new RepositoryReference(c.host, path))
                .orElseThrow(() -> ProblemException.invalid(FIELD, "is ambiguous: connections to several git hosts ("
                        + String.join(", ", connections.stream().map(c -> c.host).toList())
                        + ") and none is github.com; write the repository's URL"));
    }

    private static RepositoryReference fromUrl(String written, List<GitConnectionEntity> connections) {
        URI uri;
        try {
            uri = new URI(written);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(FIELD, FORM);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawAuthority() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw ProblemException.invalid(FIELD, FORM + " (no user, query or fragment)");
        }
        String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        GitConnectionEntity connection = connections.stream()
                .filter(c -> c.host.equalsIgnoreCase(authority) || authorityOf(c.gitUrl).equals(authority))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid(FIELD, "is on " + authority
                        + ", a git host with no connection (POST /api/v1/git/connections)"));
        if (scheme.equals("http") && !connection.gitUrl.startsWith("http://")) {
            throw ProblemException.invalid(FIELD, FORM);
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String path = pathOf(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath)
                .orElseThrow(() -> ProblemException.invalid(FIELD, FORM));
        return new RepositoryReference(connection.host, path);
    }

    /** {@code owner/name} segments, each a plain name, {@code .git} dropped; empty when the form is wrong. */
    static Optional<String> pathOf(String written) {
        String path = written.endsWith("/") ? written.substring(0, written.length() - 1) : written;
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - ".git".length());
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2 || segments.length > MAX_SEGMENTS) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(path);
    }

    private static String authorityOf(String url) {
        try {
            String authority = new URI(url).getRawAuthority();
            return authority == null ? "" : authority.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
