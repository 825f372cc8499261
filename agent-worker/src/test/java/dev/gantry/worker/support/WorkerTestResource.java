package dev.gantry.worker.support;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the worker talks to besides Kafka, for tests: the scripted LLM, the real event-store, the
 * conversation-service and sandbox-manager routes it calls, and a sandbox-manager stand-in that starts
 * real sandbox runtimes. One set per test JVM.
 */
public class WorkerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The one model with a configured price. */
    public static final String PRICED_MODEL = "priced-model";

    private static ScriptedLlmServer llm;
    private static PlatformStub platform;
    private static SandboxManagerFake sandboxes;
    private static String eventStore;
    private static Path skillsDirectory;

    public static synchronized ScriptedLlmServer llm() {
        if (llm == null) {
            llm = ScriptedLlmServer.start();
            platform = PlatformStub.start();
            sandboxes = new SandboxManagerFake(platform);
            EventTap.get();
            eventStore = EventStoreProcess.start();
        }
        return llm;
    }

    public static PlatformStub platform() {
        llm();
        return platform;
    }

    /** The base URL of the real event-store process. */
    public static String eventStore() {
        llm();
        return eventStore;
    }

    /** The installation's skill directory ({@code gantry.worker.skills.directory}): empty unless a test writes to it. */
    public static synchronized Path skillsDirectory() {
        if (skillsDirectory == null) {
            try {
                skillsDirectory = Files.createTempDirectory("gantry-installation-skills-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return skillsDirectory;
    }

    public static SandboxManagerFake sandboxes() {
        llm();
        return sandboxes;
    }

    @Override
    public Map<String, String> start() {
        KafkaTestResource.bootstrapServers();
        llm();
        return Map.of(
                "quarkus.rest-client.event-store.url", eventStore,
                "quarkus.rest-client.sandbox-manager.url", platform.url(),
                "quarkus.rest-client.conversation-service.url", platform.url(),
                "gantry.worker.skills.directory", skillsDirectory().toString(),
                // retries as in production, only faster
                "dev.gantry.worker.llm.LlmCaller/chat/Retry/delay", "20",
                "dev.gantry.worker.llm.LlmCaller/chat/Retry/delayUnit", "MILLIS",
                // a price for the budget test's model: 0.12 dollars per scripted call (100 + 20 tokens)
                "gantry.worker.llm.prices.\"" + PRICED_MODEL + "\".input-per-million-tokens", "1000",
                "gantry.worker.llm.prices.\"" + PRICED_MODEL + "\".output-per-million-tokens", "1000");
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }
}
