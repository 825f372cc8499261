package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Helm chart's default images are exactly the ones {@code ./gantry images} builds. */
class ChartImagesTest {

    private static final Path REPO = Path.of(System.getProperty("gantry.repo", "../.."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theChartsDefaultRegistryAndRepositoryAreTheBuildersDefault() throws IOException {
        JsonNode image = values().path("image");

        assertThat(image.path("registry").asText() + "/" + image.path("repository").asText())
                .isEqualTo(GantryImages.DEFAULT_REPOSITORY);
        assertThat(image.path("tag").asText()).as("empty: the chart's appVersion").isEmpty();
    }

    @Test
    void theChartsAppVersionIsTheTagBuiltFromTheProjectVersion() throws IOException {
        JsonNode chart = YAML.readTree(REPO.resolve("helm/gantry/Chart.yaml").toFile());

        assertThat(chart.path("appVersion").asText())
                .isEqualTo(GantryImages.defaultTag(System.getProperty("gantry.version")));
    }

    @Test
    void theChartRunsEachServiceUnderItsImageNameAndTheSandboxesOnTheSandboxRuntimeImage() throws IOException {
        String helpers = Files.readString(REPO.resolve("helm/gantry/templates/_helpers.tpl"));
        assertThat(helpers).contains("printf \"%s/%s/%s:%s\" .root.Values.image.registry .root.Values.image.repository"
                + " .component $tag");
        assertThat(helpers).contains("(include \"gantry.image\" (dict \"root\" . \"component\" \"sandbox-runtime\"))");
        assertThat(values().path("sandboxes").path("image").asText()).isEmpty();

        List<String> chartComponents = serviceComponents();
        List<String> built = GantryImages.all().stream().map(ImageSpec::component).toList();
        assertThat(built).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(chartComponents.stream(), java.util.stream.Stream.of("sandbox-runtime"))
                        .toList());
    }

    @Test
    void theImagesRunAsTheChartsPodsDoOnItsPortWithItsConfigDirectory() throws IOException {
        String helpers = Files.readString(REPO.resolve("helm/gantry/templates/_helpers.tpl"));
        assertThat(helpers).contains("runAsUser: 185", "runAsGroup: 185", "containerPort: 8080",
                "mountPath: /deployments/config");
        for (ImageSpec spec : GantryImages.all()) {
            if (spec.base() == ImageSpec.BaseKind.JRE) {
                assertThat(spec.user()).isEqualTo("185:185");
                assertThat(spec.port()).isEqualTo(8080);
                assertThat(spec.workingDirectory()).isEqualTo("/deployments");
            }
        }
    }

    /** The components the chart deploys with gantry.component: each template that includes it names one. */
    private static List<String> serviceComponents() throws IOException {
        Pattern component = Pattern.compile("\"component\" \"([a-z-]+)\"");
        try (var templates = Files.list(REPO.resolve("helm/gantry/templates"))) {
            return templates.filter(p -> p.toString().endsWith(".yaml")).flatMap(p -> {
                try {
                    String text = Files.readString(p);
                    if (!text.contains("include \"gantry.component\"")) {
                        return java.util.stream.Stream.empty();
                    }
                    Matcher m = component.matcher(text);
                    return m.find() ? java.util.stream.Stream.of(m.group(1)) : java.util.stream.Stream.empty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).distinct().toList();
        }
    }

    private static JsonNode values() throws IOException {
        return YAML.readTree(REPO.resolve("helm/gantry/values.yaml").toFile());
    }
}
