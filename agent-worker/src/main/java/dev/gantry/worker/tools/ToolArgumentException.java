package dev.gantry.worker.tools;

/** A tool call's arguments do not fit the tool's schema. */
public class ToolArgumentException extends RuntimeException {

    public ToolArgumentException(String message) {
        super(message);
    }
}
