package dev.gantry.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional DaemonSet that pulls the sandbox image onto the nodes ahead of any sandbox. */
class SandboxImagePrePullTest {

    @Test
    void thereIsNoPrePullUnlessItIsAskedFor() {
        assertThat(RenderedChart.render(Map.of()).all(DaemonSet.class)).isEmpty();
    }

    @Test
    void thePrePullRunsTheSandboxImageOnTheSandboxesNodesUnprivileged() {
        RenderedChart chart = RenderedChart.render(Map.of("sandboxes.prePull.enabled", "true",
                "sandboxes.nodeSelector.pool", "sandboxes", "sandboxes.imagePullSecrets[0]", "registry-creds",
                "sandboxes.namespace", "agent-sandboxes"));

        DaemonSet prePull = chart.get(DaemonSet.class, RenderedChart.objectName("sandbox-image-prepull"));
        PodSpec pod = prePull.getSpec().getTemplate().getSpec();
        Container pull = pod.getInitContainers().getFirst();
        assertThat(prePull.getMetadata().getNamespace()).isEqualTo("agent-sandboxes");
        assertThat(pull.getImage()).isEqualTo("ghcr.io/gantry-dev/sandbox-runtime:0.1.0");
        assertThat(pull.getCommand()).containsExactly("true");
        assertThat(pod.getNodeSelector()).containsEntry("pool", "sandboxes");
        assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry-creds");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        for (Container container : java.util.List.of(pull, pod.getContainers().getFirst())) {
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        }
    }
}
