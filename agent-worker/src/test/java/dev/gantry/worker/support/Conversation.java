package dev.gantry.worker.support;

import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.command.ConfirmationResponse;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.Pause;
import dev.gantry.contracts.command.Resume;
import dev.gantry.contracts.command.SendMessage;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.command.Stop;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A test's conversation: its own model name (so its own LLM script), sandbox, and commands to send. */
public final class Conversation {

    private static KafkaProducer<String, String> producer;

    public final UUID id = UUID.randomUUID();
    public final UUID sandboxId = UUID.randomUUID();
    public final String model = "scripted-" + id;
    private final ConfirmationPolicy confirmation;

    public Conversation() {
        this(ConfirmationPolicy.NEVER);
    }

    public Conversation(ConfirmationPolicy confirmation) {
        this.confirmation = confirmation;
    }

    public ScriptedLlmServer.Script script() {
        return WorkerTestResource.llm().script(model);
    }

    public Path workspace() {
        return WorkerTestResource.sandboxes().workspace(sandboxId);
    }

    public AgentSettings settings() {
        return settings(model);
    }

    public AgentSettings settings(String modelName) {
        return settings(modelName, 100, null);
    }

    /** The usual settings with this condenser. */
    public AgentSettings settings(CondenserSettings condenser) {
        AgentSettings usual = settings();
        return new AgentSettings(usual.model(), usual.baseUrl(), usual.apiKeySecretName(), usual.maxIterations(),
                usual.confirmationPolicy(), usual.maxBudget(), usual.sandboxSecrets(), condenser);
    }

    public AgentSettings settings(String modelName, int maxIterations, java.math.BigDecimal maxBudget) {
        return settings(modelName, maxIterations, maxBudget, null);
    }

    public AgentSettings settings(String modelName, int maxIterations, java.math.BigDecimal maxBudget, Long maxTokens) {
        return new AgentSettings(modelName, WorkerTestResource.llm().baseUrl(), "llm-key", maxIterations, confirmation,
                maxBudget, List.of(), maxTokens);
    }

    public void start(String task) {
        start(task, settings());
    }

    public void start(String task, AgentSettings settings) {
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(id, "user-1", sandboxId, settings));
        WorkerTestResource.platform().secret(id, "llm-key", "sk-test-" + id);
        send(new StartConversation(UUID.randomUUID(), id, Instant.now(), "user-1", sandboxId, task, null, null, settings));
    }

    /** Starts it on a repository, cloned before the first step with the credentials the platform stub answers. */
    public void startOn(String task, String repository, String branch, Map<String, Object> credentials) {
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(id, "user-1", sandboxId, settings()));
        WorkerTestResource.platform().secret(id, "llm-key", "sk-test-" + id);
        WorkerTestResource.platform().gitCredentials(id, credentials);
        send(new StartConversation(UUID.randomUUID(), id, Instant.now(), "user-1", sandboxId, task, repository, branch,
                settings()));
    }

    public void message(String content) {
        send(new SendMessage(UUID.randomUUID(), id, Instant.now(), content, true));
    }

    public void pause() {
        send(new Pause(UUID.randomUUID(), id, Instant.now()));
    }

    public void resume() {
        send(new Resume(UUID.randomUUID(), id, Instant.now()));
    }

    public void stop() {
        send(new Stop(UUID.randomUUID(), id, Instant.now()));
    }

    public void confirm(boolean accept, String reason) {
        send(new ConfirmationResponse(UUID.randomUUID(), id, Instant.now(), accept, reason));
    }

    public void send(ConversationCommand command) {
        try {
            producer().send(new ProducerRecord<>(Topics.CONVERSATION_COMMANDS, id.toString(),
                    GantryJson.mapper().writeValueAsString(command))).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ConversationEvent> events() {
        return EventTap.get().events(id);
    }

    public List<String> kinds() {
        return events().stream().map(ConversationEvent::kind).toList();
    }

    /** The latest status the log records. */
    public ExecutionStatus status() {
        ExecutionStatus status = null;
        for (ConversationEvent event : events()) {
            if (event.payload() instanceof ConversationStateUpdateEvent update && update.status() != null) {
                status = update.status();
            }
        }
        return status;
    }

    public ConversationStateUpdateEvent lastStatusUpdate() {
        return events().stream().map(ConversationEvent::payload)
                .filter(p -> p instanceof ConversationStateUpdateEvent u && u.status() != null)
                .map(ConversationStateUpdateEvent.class::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    /** Waits until the conversation's events hold one that matches. */
    public void awaitEvent(java.util.function.Predicate<ConversationEvent> match) {
        await().atMost(Duration.ofSeconds(60)).until(() -> events().stream().anyMatch(match));
    }

    public void awaitStatus(ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status() == status);
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaTestResource.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
