package dev.gantry.worker.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** File edits, MCP calls, how the two ratings combine, and when the risky policy asks. */
class RiskPolicyTest {

    private static final String WORKSPACE = "/workspace";
    private final RiskPolicy policy = new RiskPolicy(SecurityRisk.MEDIUM);

    @Test
    void anEditOutsideTheWorkspaceIsHighWhateverTheLlmClaims() {
        ActionEvent action = action("file_editor", """
                {"command": "create", "path": "/home/dev/.bashrc", "file_text": "alias ls=rm", "security_risk": "LOW"}""");

        assertThat(action.securityRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(action.llmRisk()).isEqualTo(SecurityRisk.LOW);
        assertThat(action.analyzerRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(action.riskReason()).isEqualTo("edits a file outside the workspace /workspace (/home/dev/.bashrc)");
    }

    @Test
    void whereAnEditLiesDecidesItsRisk() {
        assertThat(analyzed("{\"command\": \"str_replace\", \"path\": \"/workspace/src/app.py\"}")).isEqualTo(SecurityRisk.LOW);
        assertThat(analyzed("{\"command\": \"insert\", \"path\": \"src/app.py\"}")).isEqualTo(SecurityRisk.LOW);
        assertThat(analyzed("{\"command\": \"create\", \"path\": \"/workspace/../etc/cron.d/job\"}")).isEqualTo(SecurityRisk.HIGH);
        assertThat(analyzed("{\"command\": \"create\", \"path\": \"/tmp/scratch.txt\"}")).isEqualTo(SecurityRisk.HIGH);
        assertThat(analyzed("{\"command\": \"undo_edit\", \"path\": \"~/.ssh/config\"}")).isEqualTo(SecurityRisk.HIGH);
        assertThat(analyzed("{\"command\": \"create\", \"path\": \"/workspace/.git/hooks/pre-commit\"}"))
                .isEqualTo(SecurityRisk.MEDIUM);
        assertThat(analyzed("{\"command\": \"view\", \"path\": \"/etc/os-release\"}")).isEqualTo(SecurityRisk.LOW);
        assertThat(analyzed("{\"command\": \"view\", \"path\": \"/workspace/.env\"}")).isEqualTo(SecurityRisk.MEDIUM);
        assertThat(analyzed("{\"command\": \"create\"}")).isEqualTo(SecurityRisk.UNKNOWN);
    }

    @Test
    void theLlmsHigherRatingStandsAndSoDoesTheAnalyzers() {
        ActionEvent cautious = action("terminal", "{\"command\": \"ls\", \"security_risk\": \"HIGH\"}");
        assertThat(cautious.securityRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(cautious.analyzerRisk()).isEqualTo(SecurityRisk.LOW);
        assertThat(cautious.riskReason()).isNull();

        ActionEvent unrated = action("terminal", "{\"command\": \"git push --force origin main\"}");
        assertThat(unrated.llmRisk()).isEqualTo(SecurityRisk.UNKNOWN);
        assertThat(unrated.securityRisk()).isEqualTo(SecurityRisk.HIGH);

        ActionEvent garbled = action("terminal", "{\"command\": \"ls\", \"security_risk\": \"harmless\"}");
        assertThat(garbled.llmRisk()).isEqualTo(SecurityRisk.UNKNOWN);
        assertThat(garbled.securityRisk()).isEqualTo(SecurityRisk.LOW);
    }

    @Test
    void anMcpCallIsUnknownToTheAnalyzerUnlessItsArgumentsCarryARiskyCommand() {
        ActionEvent echo = action("everything_echo", "{\"message\": \"hello\"}");
        assertThat(echo.analyzerRisk()).isEqualTo(SecurityRisk.UNKNOWN);
        assertThat(echo.securityRisk()).isEqualTo(SecurityRisk.UNKNOWN);

        ActionEvent rated = action("everything_echo", "{\"message\": \"hello\", \"security_risk\": \"LOW\"}");
        assertThat(rated.securityRisk()).isEqualTo(SecurityRisk.LOW);

        ActionEvent shell = action("ops_run", "{\"script\": {\"lines\": [\"cd ~\", \"rm -rf ~\"]}, \"security_risk\": \"LOW\"}");
        assertThat(shell.securityRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(shell.riskReason()).isEqualTo("an argument reads as a command that deletes the home directory (rm -r ~)");
    }

    @Test
    void anActionTheAnalyzerCannotReadIsHigh() {
        ActionEvent action = action("file_editor", "{\"command\": \"create\", \"path\": \"/workspace/a\\u0000b\"}");

        assertThat(action.analyzerRisk()).isEqualTo(SecurityRisk.HIGH);
        assertThat(action.riskReason()).isEqualTo("the analyzer could not read it");
    }

    @Test
    void theRiskyPolicyAsksAtItsThresholdAndWhenNobodyCouldRate() {
        assertThat(asks(policy, SecurityRisk.LOW)).isFalse();
        assertThat(asks(policy, SecurityRisk.MEDIUM)).isTrue();
        assertThat(asks(policy, SecurityRisk.HIGH)).isTrue();
        assertThat(asks(policy, SecurityRisk.UNKNOWN)).isTrue();

        RiskPolicy lenient = new RiskPolicy(config(Map.of("gantry.worker.risk.confirm-at", "high")));
        assertThat(asks(lenient, SecurityRisk.MEDIUM)).isFalse();
        assertThat(asks(lenient, SecurityRisk.HIGH)).isTrue();
        assertThat(asks(lenient, SecurityRisk.UNKNOWN)).isTrue();
    }

    @Test
    void theOtherPoliciesIgnoreTheRisk() {
        ActionEvent high = action("terminal", "{\"command\": \"rm -rf /\"}");
        ActionEvent low = action("terminal", "{\"command\": \"ls\"}");

        assertThat(policy.needsConfirmation(ConfirmationPolicy.NEVER, high)).isFalse();
        assertThat(policy.needsConfirmation(ConfirmationPolicy.ALWAYS, low)).isTrue();
    }

    @Test
    void aThresholdThatIsNotARiskStopsTheWorkerNamingTheKey() {
        assertThatThrownBy(() -> new RiskPolicy(config(Map.of("gantry.worker.risk.confirm-at", "UNKNOWN"))))
                .hasMessage("gantry.worker.risk.confirm-at must be LOW, MEDIUM or HIGH, was UNKNOWN");
        assertThatThrownBy(() -> config(Map.of("gantry.worker.risk.confirm-at", "extreme")))
                .hasMessageContaining("gantry.worker.risk.confirm-at").hasMessageContaining("extreme");
    }

    private boolean asks(RiskPolicy risky, SecurityRisk risk) {
        ActionEvent action = new ActionEvent("terminal", "call-1", GantryJson.mapper().createObjectNode(), "", risk, "r");
        return risky.needsConfirmation(ConfirmationPolicy.RISKY, action);
    }

    private SecurityRisk analyzed(String arguments) {
        return action("file_editor", arguments).analyzerRisk();
    }

    private ActionEvent action(String tool, String arguments) {
        try {
            return policy.action(tool, "call-1", (ObjectNode) GantryJson.mapper().readTree(arguments), "", "r", WORKSPACE);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static WorkerConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(WorkerConfig.class);
    }
}
