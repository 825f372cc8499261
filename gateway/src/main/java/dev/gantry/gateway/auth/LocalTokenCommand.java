package dev.gantry.gateway.auth;

import dev.gantry.gateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Prints a token for the local user, signed with the embedded key pair the gateway created in its
 * data directory. Reads the gateway's own configuration (application.properties, environment,
 * system properties) so issuer, audience and data directory match what the gateway verifies.
 *
 * <p>Arguments: {@code [userId] [--admin]}; without a user id, {@code gantry.gateway.auth.local-user}.
 */
public final class LocalTokenCommand {

    private static final String ADMIN_FLAG = "--admin";
    private static final String ADMIN_ROLE = "admin";
    private static final String USER_ROLE = "user";
    /** Above the defaults (100) and below application.properties (250) and environment (300). */
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;
    /** Above SmallRye's built-in converters, as Quarkus registers its own. */
    private static final int QUARKUS_CONVERTER_PRIORITY = 200;

    private LocalTokenCommand() {
    }

    public static void main(String[] args) {
        GatewayConfig config = loadConfig().getConfigMapping(GatewayConfig.class);
        List<String> arguments = Arrays.asList(args);
        boolean admin = arguments.contains(ADMIN_FLAG);
        String userId = arguments.stream().filter(a -> !a.startsWith("--")).findFirst()
                .orElse(config.auth().localUser());
        Set<String> roles = admin ? Set.of(USER_ROLE, ADMIN_ROLE) : Set.of(USER_ROLE);
        System.out.println(new LocalTokenIssuer(config).issue(userId, roles));
    }

    private static SmallRyeConfig loadConfig() {
        URL properties = LocalTokenCommand.class.getClassLoader().getResource("application.properties");
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                // the shorthands Quarkus accepts in the same file ("15s", "5M")
                .withConverter(Duration.class, QUARKUS_CONVERTER_PRIORITY, new DurationConverter())
                .withConverter(MemorySize.class, QUARKUS_CONVERTER_PRIORITY, new MemorySizeConverter())
                .withMapping(GatewayConfig.class);
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, APPLICATION_PROPERTIES_ORDINAL));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + properties, e);
            }
        }
        return builder.build();
    }
}
