package dev.gantry.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingConfigSourceFactoryTest {

    private static SmallRyeConfig config(Map<String, String> given) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(given, "given", 300))
                .withSources(new TracingConfigSourceFactory())
                .build();
    }

    @Test
    void withoutAnEndpointTheSdkIsOff() {
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        assertThat(config.getOptionalValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class)).isEmpty();
    }

    @Test
    void aBlankEndpointIsNoEndpoint() {
        assertThat(config(Map.of("gantry.otel.endpoint", " ")).getValue("quarkus.otel.sdk.disabled", Boolean.class))
                .isTrue();
    }

    @Test
    void anEndpointTurnsTheSdkOnAndExportsThere() {
        SmallRyeConfig config = config(Map.of("gantry.otel.endpoint", "http://collector:4317"));
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class))
                .isEqualTo("http://collector:4317");
    }

    @Test
    void anExplicitQuarkusSettingWins() {
        SmallRyeConfig config = config(Map.of("gantry.otel.endpoint", "http://collector:4317",
                "quarkus.otel.sdk.disabled", "true"));
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
    }
}
