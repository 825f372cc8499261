package dev.gantry.worker.llm;

/** The LLM call failed for good: retrying will not help (a bad request, a wrong key). */
public class LlmFailureException extends RuntimeException {

    public LlmFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
