package dev.gantry.worker.llm;

import dev.gantry.platform.net.RefusedUrlException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Why an LLM call failed, as a few kinds: the {@code reason} of the error metrics, and whether trying again (then
 * another model) may help: 429, 5xx, timeouts and refused connections may pass.
 */
enum LlmErrorKind {

    /** The outbound policy refused the endpoint's address. */
    REFUSED(false),
    RATE_LIMITED(true),
    SERVER_ERROR(true),
    /** 401 or 403: a missing or wrong key. */
    AUTHENTICATION(false),
    /** Any other 4xx: a model the endpoint does not serve, a request it will not take, a context too long. */
    BAD_REQUEST(false),
    TIMEOUT(true),
    UNREACHABLE(true),
    UNKNOWN_HOST(false),
    /** An answer that could not be read, or a failure of another kind. */
    UNUSABLE_ANSWER(false);

    private static final int TIMED_OUT = 408;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int FIRST_SERVER_ERROR = 500;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;

    private final boolean transientFailure;

    LlmErrorKind(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether the same call may pass later. */
    boolean isTransient() {
        return transientFailure;
    }

    /** The metrics' tag value. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LlmErrorKind of(Throwable failure) {
        boolean retriable = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedUrlException) {
                return REFUSED;
            }
            if (t instanceof HttpException http) {
                return ofStatus(http.statusCode());
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return UNREACHABLE;
            }
            if (t instanceof UnknownHostException) {
                return UNKNOWN_HOST;
            }
            retriable |= t instanceof RetriableException;
        }
        // langchain4j's own word that it may pass, with no cause more precise
        return retriable ? SERVER_ERROR : UNUSABLE_ANSWER;
    }

    private static LlmErrorKind ofStatus(int status) {
        if (status == TOO_MANY_REQUESTS) {
            return RATE_LIMITED;
        }
        if (status == TIMED_OUT) {
            return TIMEOUT;
        }
        if (status >= FIRST_SERVER_ERROR) {
            return SERVER_ERROR;
        }
        return status == UNAUTHORIZED || status == FORBIDDEN ? AUTHENTICATION : BAD_REQUEST;
    }
}
