package dev.gantry.contracts.git;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The git hosting services a user can connect, with what differs between them for the platform: the
 * public host, where the REST API of a host lives, and the user name that goes with an access token over
 * git's HTTPS (the token is the password).
 */
public enum GitProvider {

    /** github.com, or a GitHub Enterprise Server host (API under {@code /api/v3}). */
    GITHUB("github", "github.com", "x-access-token"),
    /** gitlab.com or a self-managed GitLab (API under {@code /api/v4}). */
    GITLAB("gitlab", "gitlab.com", "oauth2"),
    /** Bitbucket Cloud (API at api.bitbucket.org/2.0). */
    BITBUCKET("bitbucket", "bitbucket.org", "x-token-auth");

    private final String wireName;
    private final String publicHost;
    private final String tokenUser;

    GitProvider(String wireName, String publicHost, String tokenUser) {
        this.wireName = wireName;
        this.publicHost = publicHost;
        this.tokenUser = tokenUser;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The host of the provider's public service, the default of a connection. */
    public String publicHost() {
        return publicHost;
    }

    /** The user name git sends with an access token of this provider. */
    public String tokenUser() {
        return tokenUser;
    }

    /** The base URL of the REST API of a host of this provider, over https. */
    public String defaultApiUrl(String host) {
        return switch (this) {
            case GITHUB -> host.equals(publicHost) ? "https://api.github.com" : "https://" + host + "/api/v3";
            case GITLAB -> "https://" + host + "/api/v4";
            case BITBUCKET -> host.equals(publicHost) ? "https://api.bitbucket.org/2.0" : "https://api." + host + "/2.0";
        };
    }

    /** The base URL repositories of a host are cloned from, over https. */
    public String defaultGitUrl(String host) {
        return "https://" + host;
    }

    public static Optional<GitProvider> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wanted)).findFirst();
    }

    @JsonCreator
    static GitProvider parse(String name) {
        return fromWire(name).orElseThrow(() -> new IllegalArgumentException("unknown git provider '" + name
                + "': one of github, gitlab, bitbucket"));
    }
}
