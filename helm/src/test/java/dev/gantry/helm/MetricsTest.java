package dev.gantry.helm;

import static dev.gantry.helm.RenderedChart.SERVICES;
import static dev.gantry.helm.RenderedChart.objectName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart's ServiceMonitors, the Grafana dashboard that reads what they scrape, and the services' log format. */
class MetricsTest {

    private static final Path DASHBOARD = Path.of("../deploy/grafana/gantry.json");

    @Test
    void noServiceMonitorUnlessAsked() {
        assertThat(RenderedChart.render(Map.of()).objects())
                .noneMatch(object -> object.getKind().equals("ServiceMonitor"));
    }

    @Test
    void eachServiceIsScrapedOnceThroughItsInternalService() {
        RenderedChart chart = RenderedChart.render(Map.of("metrics.serviceMonitor.enabled", "true",
                "metrics.serviceMonitor.interval", "15s"));
        List<GenericKubernetesResource> monitors = chart.all(GenericKubernetesResource.class).stream()
                .filter(object -> object.getKind().equals("ServiceMonitor")).toList();
        assertThat(monitors).extracting(m -> m.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(RenderedChart::objectName).toList());

        for (String service : SERVICES) {
            GenericKubernetesResource monitor = monitors.stream()
                    .filter(m -> m.getMetadata().getName().equals(objectName(service))).findFirst().orElseThrow();
            Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
            List<Service> selected = chart.all(Service.class).stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as("the Services %s's monitor selects", service)
                    .extracting(s -> s.getMetadata().getName()).containsExactly(objectName(service));
            List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
            assertThat(endpoints).singleElement().satisfies(endpoint -> {
                assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("interval", "15s");
                assertThat(selected.getFirst().getSpec().getPorts()).extracting(ServicePort::getName)
                        .contains((String) endpoint.get("port"));
            });
        }
    }

    @Test
    void theGatewaysHealthAndMetricsAreOnItsManagementPortWhichItsPublicServiceDoesNotExpose() {
        RenderedChart chart = RenderedChart.render(Map.of("metrics.serviceMonitor.enabled", "true"));
        Container gateway = chart.container("gateway");
        assertThat(gateway.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .contains(tuple("http", 8080), tuple("management", 9000));
        for (Probe probe : List.of(gateway.getStartupProbe(), gateway.getLivenessProbe(), gateway.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(gateway.getEnv()).contains(new EnvVar("QUARKUS_MANAGEMENT_PORT", "9000", null),
                new EnvVar("QUARKUS_MANAGEMENT_HOST", "0.0.0.0", null));
        Service publicService = chart.all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(objectName("gateway") + "-public")).findFirst().orElseThrow();
        assertThat(publicService.getSpec().getPorts()).extracting(port -> port.getTargetPort().getStrVal())
                .containsExactly("http");
        GenericKubernetesResource monitor = chart.all(GenericKubernetesResource.class).stream()
                .filter(m -> m.getKind().equals("ServiceMonitor") && m.getMetadata().getName().equals(objectName("gateway")))
                .findFirst().orElseThrow();
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> assertThat(endpoint).containsEntry("port", "management"));
        // the internal services keep one port for their API, health and metrics
        assertThat(chart.container("event-store").getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void everyServiceLogsJsonUnlessTurnedOff() {
        RenderedChart json = RenderedChart.render(Map.of());
        RenderedChart plain = RenderedChart.render(Map.of("logging.json", "false"));
        for (String service : SERVICES) {
            assertThat(json.container(service).getEnv()).as(service)
                    .anyMatch(env -> env.getName().equals("QUARKUS_LOG_CONSOLE_JSON_ENABLED") && env.getValue().equals("true"));
            assertThat(plain.container(service).getEnv()).as(service)
                    .anyMatch(env -> env.getName().equals("QUARKUS_LOG_CONSOLE_JSON_ENABLED") && env.getValue().equals("false"));
        }
    }

    @Test
    void theDashboardReadsTheServicesMetricsByTheirPrometheusNames() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        assertThat(dashboard.path("title").asText()).isEqualTo("Gantry");
        assertThat(expressions).isNotEmpty();

        List<String> metrics = new ArrayList<>();
        Matcher name = Pattern.compile("\\b((?:gantry|http_server|kafka_consumer|jvm)_[a-z0-9_]+)")
                .matcher(String.join("\n", expressions));
        while (name.find()) {
            metrics.add(name.group(1));
        }
        // one panel at least for each thing the issue asks to see
        assertThat(metrics).contains("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                "kafka_consumer_fetch_manager_records_lag_max", "gantry_events_stored_total", "gantry_conversations",
                "gantry_sandboxes", "gantry_sandbox_start_seconds_bucket", "gantry_callbacks_deliveries_total",
                "gantry_gateway_rate_limited_total", "gantry_worker_tool_calls_seconds_count");
    }
}
