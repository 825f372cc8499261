package dev.gantry.cli;

/** Where the CLI gets a token when none is given: the local user's, on a local platform. */
@FunctionalInterface
public interface TokenSource {

    String localToken() throws ApiException;
}
