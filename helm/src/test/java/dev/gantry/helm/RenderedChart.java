package dev.gantry.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.stream.Stream;

/** The chart rendered by Helm's own engine (through helm-java, in process) and read back as Kubernetes objects. */
final class RenderedChart {

    static final Path CHART = Path.of("gantry");
    /** What every install must give: the infrastructure, the identity provider, the platform's secrets. */
    static final Path REQUIRED_VALUES = Path.of("src/test/resources/required-values.yaml");
    static final String RELEASE = "gantry";
    static final String NAMESPACE = "agents";
    static final List<String> SERVICES = List.of("gateway", "conversation-service", "agent-worker", "sandbox-manager",
            "event-store", "integrations-service");

    private final List<HasMetadata> objects;

    private RenderedChart(String yaml) {
        this.objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(document -> (HasMetadata) Serialization.unmarshal(document))
                .toList();
    }

    /** Renders with the required values and {@code settings} on top ({@code --set key=value}). */
    static RenderedChart render(Map<String, Object> settings) {
        return render(CHART, settings);
    }

    /**
     * Renders {@code chart} as {@code helm template} does; like helm-java's template, without the hooks (the
     * hook annotations of a copy can be taken off to see those).
     */
    static RenderedChart render(Path chart, Map<String, Object> settings) {
        TemplateCommand template = new Helm(chart).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0")
                .withValuesFile(REQUIRED_VALUES);
        settings.forEach(template::set);
        return new RenderedChart(template.call());
    }

    /** Copies the chart to {@code target}, where a test may change it. */
    static Path copy(Path target) {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** A value of {@link #REQUIRED_VALUES}, by its path. */
    static String requiredValue(String... path) {
        try {
            JsonNode node = new YAMLMapper().readTree(REQUIRED_VALUES.toFile());
            for (String name : path) {
                node = node.path(name);
            }
            return node.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind.getSimpleName() + " " + name + " in the chart"));
    }

    static String objectName(String component) {
        return RELEASE + "-" + component;
    }

    Deployment deployment(String service) {
        return get(Deployment.class, objectName(service));
    }

    Container container(String service) {
        return deployment(service).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** The application.properties the chart gives the service. */
    Properties config(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(get(ConfigMap.class, objectName(service)).getData().get("application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
