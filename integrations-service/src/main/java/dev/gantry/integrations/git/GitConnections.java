package dev.gantry.integrations.git;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.client.ConversationServiceApi;
import dev.gantry.integrations.client.GitStoreApi;
import dev.gantry.integrations.git.provider.GitIdentity;
import dev.gantry.integrations.git.provider.GitProviderException;
import dev.gantry.integrations.git.provider.ProviderAccess;
import dev.gantry.platform.net.AddressPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A user's git connections. Saving one checks its token with the provider's current-user route, so a connection
 * that is stored works, and keeps the identity the provider answered (the commits' author). The token is read from
 * the user's secret and never stored or logged here.
 */
@ApplicationScoped
public class GitConnections {

    static final Duration STORE_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,252})(:[0-9]{1,5})?");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final GitStoreApi store;
    private final GitProviders providers;
    private final AddressPolicy policy;

    GitConnections(@RestClient GitStoreApi store, GitProviders providers, AddressPolicy policy) {
        this.store = store;
        this.providers = providers;
        this.policy = policy;
    }

    public List<GitStoreApi.Connection> list(String userId) {
        return store.connections(userId).await().atMost(STORE_TIMEOUT);
    }

    public void delete(String userId, UUID id) {
        try {
            store.delete(userId, id).await().atMost(STORE_TIMEOUT);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw GitRequestException.notFound("git connection '" + id + "' does not exist");
            }
            throw e;
        }
    }

    /** Checks the request and its token with the provider, then stores the connection (replacing one to the same host). */
    public org.jboss.resteasy.reactive.RestResponse<GitStoreApi.Connection> save(String userId, ConnectionRequest request) {
        if (request == null) {
            throw GitRequestException.invalid("body", "is required");
        }
        GitProvider provider = GitProvider.fromWire(request.provider()).orElseThrow(() -> GitRequestException.invalid(
                "provider", "must be one of github, gitlab, bitbucket"));
        String host = request.host() == null ? provider.publicHost() : request.host().strip().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw GitRequestException.invalid("host", "must be a host name, with a port if any (no scheme or path)");
        }
        String apiUrl = baseUrl("apiUrl", request.apiUrl(), provider.defaultApiUrl(host));
        String gitUrl = baseUrl("gitUrl", request.gitUrl(), provider.defaultGitUrl(host));
        if (request.tokenSecretName() == null || !SECRET_NAME.matcher(request.tokenSecretName()).matches()) {
            throw GitRequestException.invalid("tokenSecretName", "must name one of your secrets");
        }
        String token = token(userId, request.tokenSecretName());
        GitIdentity identity;
        try {
            identity = providers.of(provider).identity(new ProviderAccess(provider, host, apiUrl, token));
        } catch (GitProviderException e) {
            throw switch (e.kind()) {
                case TOKEN_REJECTED -> GitRequestException.tokenRejected("tokenSecretName", e.getMessage());
                case NOT_FOUND -> GitRequestException.invalid("apiUrl", "has no current-user route: " + e.getMessage());
                case REFUSED -> GitRequestException.invalid("apiUrl", e.getMessage());
                case UNAVAILABLE -> e;
            };
        }
        return store.save(userId, new GitStoreApi.Connection(null, provider, host, apiUrl, gitUrl, request.tokenSecretName(),
                identity.login(), identity.name(), identity.email(), null, null)).await().atMost(STORE_TIMEOUT);
    }

    /** The user's connection to a host: the only one when no host is given, else github.com's among several. */
    public GitStoreApi.Connection connection(String userId, String host) {
        List<GitStoreApi.Connection> connections = list(userId);
        if (host != null) {
            return connections.stream().filter(c -> c.host().equalsIgnoreCase(host.strip())).findFirst()
                    .orElseThrow(() -> GitRequestException.invalid("host", "has no git connection of yours: " + host));
        }
        if (connections.size() == 1) {
            return connections.get(0);
        }
        return connections.stream().filter(c -> c.host().equals("github.com")).findFirst()
                .orElseThrow(() -> GitRequestException.invalid("host", connections.isEmpty()
                        ? "no git connection is configured (POST /api/v1/git/connections)"
                        : "is needed: you have connections to several git hosts"));
    }

    /** The access a stored connection gives: its token read from the user's secret. */
    public ProviderAccess access(String userId, GitStoreApi.Connection connection) {
        return new ProviderAccess(connection.provider(), connection.host(), connection.apiUrl(),
                token(userId, connection.tokenSecretName()));
    }

    private String token(String userId, String secretName) {
        ConversationServiceApi.Secret secret;
        try {
            secret = store.secret(userId, secretName).await().atMost(STORE_TIMEOUT);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw GitRequestException.invalid("tokenSecretName", "refers to secret '" + secretName + "', which does not exist");
            }
            throw e;
        }
        return secret.value();
    }

    /** A base URL as given (checked: http(s), no user, the outbound address policy) or the provider's default. */
    private String baseUrl(String field, String given, String derived) {
        if (given == null || given.isBlank()) {
            return derived;
        }
        String url = given.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw GitRequestException.invalid(field, "is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) && policy.allowsPrivateAddresses();
        if (!(https || http) || uri.getRawAuthority() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw GitRequestException.invalid(field, "must be an https URL with no user, query or fragment");
        }
        policy.refusalToSave(url).ifPresent(reason -> {
            throw GitRequestException.invalid(field, reason);
        });
        return url;
    }
}
