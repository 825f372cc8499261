package dev.gantry.worker.llm;

/**
 * The LLM endpoint could not be asked, or its answer not read. The message is the worker's own sentence,
 * fit for an event; the cause, which may quote what the endpoint sent, stays in the logs.
 */
class LlmTransportException extends RuntimeException {

    LlmTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
