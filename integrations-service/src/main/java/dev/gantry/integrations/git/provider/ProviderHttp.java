package dev.gantry.integrations.git.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.OutboundHttpClient;
import dev.gantry.platform.net.OutboundResponse;
import dev.gantry.platform.net.RefusedUrlException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to git providers' REST APIs, blocking (callers run on worker threads). Every URL goes through the outbound
 * address policy, as a user names the host of a self-managed provider; answers of 429 and 5xx, GitHub's 403 rate
 * limits and unreachable hosts are tried again after a doubling wait (or the provider's Retry-After), then end
 * in {@link GitProviderException.Kind#UNAVAILABLE}; 401 ends in {@code TOKEN_REJECTED}, 404 in {@code NOT_FOUND},
 * other 4xx in {@code REFUSED} with the provider's reason. Neither a token nor a body is ever logged.
 */
@ApplicationScoped
public class ProviderHttp {

    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    private static final int MAX_REASON_LENGTH = 300;

    private final ProviderConfig config;
    private final OutboundHttpClient http;

    ProviderHttp(ProviderConfig config, Vertx vertx, AddressPolicy policy) {
        this.config = config;
        this.http = new OutboundHttpClient(vertx, policy, config.timeout(), MAX_ANSWER_BYTES);
    }

    void close(@Observes ShutdownEvent shutdown) {
        http.close();
    }

    /** A provider's answer: its JSON body and the headers paging is read from. */
    public record Answer(int status, Map<String, List<String>> headers, JsonNode body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    public Answer get(String provider, String url, Map<String, String> headers) {
        return send(provider, HttpMethod.GET, url, headers, null);
    }

    public Answer post(String provider, String url, Map<String, String> headers, Object body) {
        return send(provider, HttpMethod.POST, url, headers, body);
    }

    private Answer send(String provider, HttpMethod method, String url, Map<String, String> headers, Object body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("User-Agent", "gantry");
        all.putIfAbsent("Accept", "application/json");
        String json = null;
        if (body != null) {
            all.put("Content-Type", "application/json");
            json = GantryJson.mapper().valueToTree(body).toString();
        }
        Duration wait = config.backoff();
        String lastFailure = "no answer";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            OutboundResponse response;
            try {
                response = http.send(method, url, all, json, config.timeout()).toCompletableFuture()
                        .get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof RefusedUrlException refused) {
                    throw new GitProviderException(GitProviderException.Kind.REFUSED,
                            provider + " API URL is refused: " + refused.getMessage());
                }
                lastFailure = "could not be reached (" + cause.getClass().getSimpleName() + ")";
                sleep(wait, attempt);
                wait = next(wait);
                continue;
            } catch (TimeoutException e) {
                lastFailure = "did not answer within " + config.timeout().toSeconds() + " s";
                sleep(wait, attempt);
                wait = next(wait);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitProviderException(GitProviderException.Kind.UNAVAILABLE, provider + " call interrupted");
            }
            Answer answer = new Answer(response.status(), response.headers(), parse(response.body()));
            if (response.status() / 100 == 2) {
                return answer;
            }
            if (retryable(answer)) {
                lastFailure = "answered " + response.status();
                Duration asked = retryAfter(answer).orElse(wait);
                Log.infof("%s answered %d to %s %s (try %d of %d)", provider, response.status(), method, pathOf(url),
                        attempt, config.maxAttempts());
                sleep(asked, attempt);
                wait = next(wait);
                continue;
            }
            throw refusal(provider, answer);
        }
        throw new GitProviderException(GitProviderException.Kind.UNAVAILABLE,
                provider + " is unavailable: it " + lastFailure + " after " + config.maxAttempts() + " tries");
    }

    private static boolean retryable(Answer answer) {
        int status = answer.status();
        boolean githubRateLimit = status == 403 && (answer.header("x-ratelimit-remaining").filter("0"::equals).isPresent()
                || answer.header("retry-after").isPresent());
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504 || githubRateLimit;
    }

    private static GitProviderException refusal(String provider, Answer answer) {
        String reason = reason(answer.body());
        String said = reason.isEmpty() ? "" : ": " + reason;
        return switch (answer.status()) {
            case 401, 403 -> new GitProviderException(GitProviderException.Kind.TOKEN_REJECTED,
                    provider + " refused the token (" + answer.status() + ")" + said);
            case 404 -> new GitProviderException(GitProviderException.Kind.NOT_FOUND,
                    provider + " has no such resource, or the token may not see it (404)" + said);
            default -> new GitProviderException(GitProviderException.Kind.REFUSED,
                    provider + " refused the request (" + answer.status() + ")" + said);
        };
    }

    /**
     * The reason a provider gave, from the error shapes of their references: GitHub {@code message} and
     * {@code errors[].message}, GitLab {@code message} (a string, a list or a map) or {@code error},
     * Bitbucket {@code error.message}. Control characters removed, length capped.
     */
    static String reason(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return "";
        }
        StringBuilder reason = new StringBuilder();
        JsonNode message = body.path("error").isObject() ? body.path("error").path("message") : body.path("message");
        if (message.isMissingNode() && body.path("error").isTextual()) {
            message = body.path("error");
        }
        append(reason, message);
        for (JsonNode error : body.path("errors")) {
            append(reason, error.isTextual() ? error : error.path("message"));
        }
        String text = reason.toString().replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) + "…" : text;
    }

    private static void append(StringBuilder reason, JsonNode node) {
        if (node.isTextual()) {
            reason.append(reason.isEmpty() ? "" : "; ").append(node.asText());
        } else if (node.isArray() || node.isObject()) {
            node.fields().forEachRemaining(f -> append(reason, f.getValue()));
            if (node.isArray()) {
                node.forEach(item -> append(reason, item));
            }
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return GantryJson.mapper().missingNode();
        }
        try {
            return GantryJson.mapper().readTree(body);
        } catch (IOException e) {
            return GantryJson.mapper().missingNode();
        }
    }

    private Optional<Duration> retryAfter(Answer answer) {
        return answer.header("retry-after").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private Duration next(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    private void sleep(Duration wait, int attempt) {
        if (attempt >= config.maxAttempts()) {
            return;
        }
        Duration capped = wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
        try {
            Thread.sleep(capped.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitProviderException(GitProviderException.Kind.UNAVAILABLE, "interrupted while waiting to try again");
        }
    }

    private static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
