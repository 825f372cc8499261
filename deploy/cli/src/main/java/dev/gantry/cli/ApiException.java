package dev.gantry.cli;

import java.time.Duration;
import java.util.Optional;

/** The public API answered with an error, or could not be reached. */
public class ApiException extends Exception {

    /** The longest {@code Retry-After} this client waits for: a larger one is the server's to keep, not the user's. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    private final int status;
    private final Duration retryAfter;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    /** An answer with a {@code Retry-After} (null without one). */
    public ApiException(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.retryAfter = null;
    }

    /** The HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }

    /** When the server said trying again is worth it ({@code Retry-After} in seconds), at most a minute. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter).map(wait -> wait.compareTo(LONGEST_RETRY_AFTER) > 0
                ? LONGEST_RETRY_AFTER : wait);
    }

    /** The pause before trying again: {@code ownPause}, or longer if the server asked for longer. */
    public Duration pauseAtLeast(Duration ownPause) {
        return retryAfter().filter(wait -> wait.compareTo(ownPause) > 0).orElse(ownPause);
    }

    /** A {@code Retry-After} header's delay in seconds; null when absent or not a number (an HTTP date is not used). */
    public static Duration parseRetryAfter(String header) {
        if (header == null || !header.strip().matches("\\d{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(header.strip()));
    }
}
