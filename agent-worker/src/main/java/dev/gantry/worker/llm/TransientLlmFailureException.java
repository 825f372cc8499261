package dev.gantry.worker.llm;

/** The LLM call failed in a way that may pass: rate limited (429), a server error (5xx), a timeout. */
public class TransientLlmFailureException extends LlmFailureException {

    public TransientLlmFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
