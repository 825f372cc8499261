package dev.gantry.worker.llm;

import dev.gantry.platform.net.RefusedUrlException;
import dev.langchain4j.exception.HttpException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Why an LLM call failed, in words fit for an event: the refused {@code baseUrl} and its reason, the
 * endpoint's status and sanitised reason, or the kind of failure. Exception messages are not copied as
 * they are: a parser's or a client's may quote what the endpoint sent.
 */
final class LlmFailureReason {

    private LlmFailureReason() {
    }

    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedUrlException refused) {
                return "baseUrl " + refused.getMessage();
            }
            if (t instanceof HttpException http) {
                // PinnedLlmHttpClient's message is already "HTTP <status>[: reason]"; cleaned again all the same
                String reason = UpstreamError.clean(http.getMessage());
                return reason.startsWith("HTTP " + http.statusCode()) ? reason : "HTTP " + http.statusCode();
            }
            if (t instanceof LlmTransportException transport) {
                return transport.getMessage();
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return "the endpoint did not answer in time";
            }
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException) {
                return "the endpoint could not be reached";
            }
            if (t instanceof UnknownHostException) {
                return "the endpoint's host does not resolve";
            }
        }
        return "the endpoint's answer could not be used (" + failure.getClass().getSimpleName() + ")";
    }
}
