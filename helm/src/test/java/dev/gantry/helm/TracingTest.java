package dev.gantry.helm;

import static dev.gantry.helm.RenderedChart.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is one value: the OTLP collector's endpoint, given to every service, or nothing at all. */
class TracingTest {

    @Test
    void noServiceTracesUnlessACollectorIsNamed() {
        RenderedChart chart = RenderedChart.render(Map.of());
        for (String service : SERVICES) {
            assertThat(chart.container(service).getEnv()).as(service).extracting(EnvVar::getName)
                    .doesNotContain("GANTRY_OTEL_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
        }
    }

    @Test
    void everyServiceSendsItsSpansToTheNamedCollector() {
        RenderedChart chart = RenderedChart.render(Map.of("tracing.otlpEndpoint", "http://otel-collector.monitoring:4318",
                "tracing.protocol", "http/protobuf"));
        for (String service : SERVICES) {
            assertThat(chart.container(service).getEnv()).as(service)
                    .contains(new EnvVar("GANTRY_OTEL_ENDPOINT", "http://otel-collector.monitoring:4318", null),
                            new EnvVar("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", null));
        }
    }
}
