package dev.gantry.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What goes into one of Gantry's images: the module whose Quarkus fast-jar ({@code target/quarkus-app}) it
 * runs, where that goes in the image, who runs it, on which port, with which command and environment.
 *
 * @param component the image's name under the registry (the chart's component name)
 * @param module the Maven module's directory, relative to the repository
 * @param base which base image it is layered on
 * @param appDir where the fast-jar's files go
 * @param user {@code uid:gid}, never root
 * @param workingDirectory the process's working directory
 * @param port the HTTP port the process listens on
 * @param entrypoint the command
 * @param environment variables set in the image
 */
public record ImageSpec(String component, String module, BaseKind base, String appDir, String user,
                        String workingDirectory, int port, List<String> entrypoint, Map<String, String> environment) {

    /** The two bases: a bare Java runtime for the services, a developer's toolbox for sandboxes. */
    public enum BaseKind { JRE, SANDBOX }

    public ImageSpec {
        entrypoint = List.copyOf(entrypoint);
        environment = Map.copyOf(environment);
    }

    /** This image with {@code options} given to its JVM, just before {@code -jar}. */
    public ImageSpec withJvmOptions(List<String> options) {
        int jar = entrypoint.indexOf("-jar");
        if (jar < 0) {
            throw new IllegalStateException(component + "'s entrypoint runs no -jar: " + entrypoint);
        }
        List<String> command = new ArrayList<>(entrypoint.subList(0, jar));
        command.addAll(options);
        command.addAll(entrypoint.subList(jar, entrypoint.size()));
        return new ImageSpec(component, module, base, appDir, user, workingDirectory, port, command, environment);
    }

    /** The module's Quarkus application, as {@code mvn package} leaves it. */
    public Path quarkusApp(Path repo) {
        return repo.resolve(module).resolve("target/quarkus-app");
    }
}
