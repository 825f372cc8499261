package dev.gantry.platform.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns tracing on with one setting: {@code gantry.otel.endpoint} ({@code GANTRY_OTEL_ENDPOINT}, the chart's
 * {@code observability.tracing.otlpEndpoint}), the OTLP collector's URL. Unset or blank, the OpenTelemetry SDK is
 * disabled, so nothing is exported and no exporter complains about a collector that is not there. Its values sit
 * below {@code application.properties}: an explicit {@code quarkus.otel.*} setting still wins.
 */
public final class TracingConfigSourceFactory implements ConfigSourceFactory {

    public static final String ENDPOINT = "gantry.otel.endpoint";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    /** Below application.properties (250), above the extensions' defaults. */
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT);
        return List.of(new MapBackedConfigSource("gantry tracing switch", settings(
                endpoint == null ? null : endpoint.getValue()), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** What an endpoint (or none) turns into: the SDK on and exporting there, or off. */
    static Map<String, String> settings(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of(SDK_DISABLED, "true");
        }
        return Map.of(SDK_DISABLED, "false", TRACES_ENDPOINT, endpoint.strip());
    }
}
