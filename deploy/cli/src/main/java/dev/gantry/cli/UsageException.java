package dev.gantry.cli;

/** The command line asks for something that cannot be done as given: the message says what to change. */
public class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
