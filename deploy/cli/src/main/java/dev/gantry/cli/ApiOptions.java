package dev.gantry.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where the public API is and the token to call it with: the options every command that calls it takes. */
public final class ApiOptions {

    @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:GANTRY_API_URL:-http://127.0.0.1:8080}",
            description = "Gantry's public API (default: ${DEFAULT-VALUE}).")
    URI api;

    @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:GANTRY_TOKEN}",
            description = "A bearer token (default: $GANTRY_TOKEN, else the local user's token).")
    String token;

    /** The API, called with the given token or else the local user's. */
    public GantryApi connect(TokenSource tokens) throws ApiException {
        return new GantryApi(api, token != null ? token : tokens.localToken());
    }
}
