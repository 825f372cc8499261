package dev.gantry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local user's token, which {@code ./gantry up} leaves in {@code $GANTRY_HOME/local-user.jwt}
 * (by default {@code .gantry/} of the repository the CLI runs from).
 */
final class LocalTokenSource implements TokenSource {

    static final String FILE = "local-user.jwt";

    private final Map<String, String> environment;

    LocalTokenSource(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String localToken() throws ApiException {
        String home = environment.getOrDefault("GANTRY_HOME", ".gantry");
        Path file = Path.of(home, FILE);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new ApiException("no token given and no local token at " + file
                    + ": start Gantry with ./gantry up, or pass --token / set GANTRY_TOKEN", e);
        }
    }
}
