package dev.gantry.worker.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkippedSkill;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.auth.TestCallers;
import dev.gantry.testing.git.GitHttpServer;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.PlatformStub;
import dev.gantry.worker.support.WorkerTestResource;
import dev.gantry.worker.tools.ToolCatalog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Skills from the three places, as the LLM gets them: the installation's directory, the owner's (conversation-service),
 * and the files of a repository cloned from a real git server into a real sandbox, read through its runtime.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class SkillsTest {

    static final String TOKEN = "ghp_skills0test0token0123456";
    static final String AGENTS = "Run the tests with make check.";
    static final String PYTHON = "Use pytest -q for the python tests.";
    static final String DEPLOY = "Deploy with helm upgrade --atomic.";
    static GitHttpServer server;

    @Inject
    ToolCatalog tools;

    @BeforeAll
    static void startServer() throws Exception {
        server = GitHttpServer.start(Files.createTempDirectory("gantry-worker-skills-git-"), TOKEN);
        server.createRepository("acme/skills", Map.of(
                "AGENTS.md", AGENTS + "\n",
                // often a link to AGENTS.md: the same text is one skill
                "CLAUDE.md", AGENTS + "\n",
                ".openhands/microagents/python.md", """
                        ---
                        name: python
                        type: knowledge
                        agent: CodeActAgent
                        triggers:
                        - python
                        ---
                        %s
                        """.formatted(PYTHON),
                ".openhands/skills/broken.md", "---\ntriggers: [python\n---\nnever loaded\n",
                ".openhands/skills/README.md", "What these skills are.",
                ".gantry/skills/big.md", "B".repeat(40_000)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void emptyTheInstallationsSkills() throws IOException {
        try (Stream<Path> files = Files.list(WorkerTestResource.skillsDirectory())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void alwaysOnSkillsReachTheSystemPromptAndATriggeredOneTheRequestAfterItsMessageOncePerConversation()
            throws Exception {
        Path installation = WorkerTestResource.skillsDirectory();
        Files.writeString(installation.resolve("house-rules.md"), "Never force-push.\n");
        Files.writeString(installation.resolve("bad.md"), "---\ntriggers: nope\n---\nnever loaded\n");
        Conversation conversation = new Conversation();
        WorkerTestResource.platform().skills(conversation.id, List.of(
                Map.of("name", "user-style", "triggers", List.of(), "content", "Answer in short sentences."),
                Map.of("name", "deploy", "triggers", List.of("deploy"), "content", DEPLOY)));
        conversation.script().text("looked at it").text("deployed").text("deployed again");

        conversation.startOn("Fix the python tests.", "acme/skills", null, credentials());
        awaitAgentMessages(conversation, 1);
        conversation.message("Now deploy it.");
        awaitAgentMessages(conversation, 2);
        conversation.message("Deploy again, and look at the python tests too.");
        awaitAgentMessages(conversation, 3);

        List<SkillsLoadedEvent> loads = payloads(conversation, SkillsLoadedEvent.class);
        assertThat(loads).hasSize(2);
        assertThat(loads.get(0).skills()).extracting(LoadedSkill::name, LoadedSkill::source).containsExactly(
                tuple("user-style", SkillSource.USER), tuple("deploy", SkillSource.USER),
                tuple("house-rules", SkillSource.INSTALLATION));
        assertThat(loads.get(0).skipped()).extracting(SkippedSkill::source, SkippedSkill::path).containsExactly(
                tuple(SkillSource.INSTALLATION, "bad.md"));
        assertThat(loads.get(1).skills()).extracting(LoadedSkill::name, LoadedSkill::path, LoadedSkill::truncated)
                .containsExactly(tuple("agents", "AGENTS.md", false), tuple("big", ".gantry/skills/big.md", true),
                        tuple("python", ".openhands/microagents/python.md", false));
        assertThat(loads.get(1).skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.path()).isEqualTo(".openhands/skills/broken.md");
            assertThat(skipped.reason()).startsWith("its front matter is not valid YAML");
        });
        assertThat(loads.get(1).activatedSkills()).containsExactly("python");
        List<String> kinds = conversation.kinds();
        assertThat(kinds.indexOf("SkillsLoadedEvent")).isLessThan(kinds.indexOf("MessageEvent"));
        assertThat(kinds.lastIndexOf("SkillsLoadedEvent")).isEqualTo(kinds.indexOf("RepositoryClonedEvent") + 1);
        assertThat(userMessages(conversation)).extracting(MessageEvent::activatedSkills)
                .containsExactly(List.of(), List.of("deploy"), List.of());

        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        String system = requests.get(0).path("messages").get(0).path("content").asText();
        assertThat(system).contains("Never force-push.", "Answer in short sentences.", "B".repeat(1000),
                "[Skill cut here: only its first 30000 characters are shown. The whole text is in"
                        + " /workspace/.gantry/skills/big.md")
                .doesNotContain(PYTHON, DEPLOY, "never loaded");
        assertThat(system.indexOf(AGENTS)).isEqualTo(system.lastIndexOf(AGENTS)).isPositive();
        List<JsonNode> first = messages(requests.get(0));
        assertThat(first.get(1).path("content").asText()).isEqualTo("Fix the python tests.");
        assertThat(first.get(2).path("content").asText()).contains("REPOSITORY_INFO");
        assertThat(first.get(3).path("role").asText()).isEqualTo("user");
        assertThat(first.get(3).path("content").asText()).contains("trigger=\"python\"", PYTHON);
        JsonNode deployed = messages(requests.get(1)).getLast();
        assertThat(deployed.path("content").asText()).startsWith("Now deploy it.\n\n").contains(DEPLOY);
        JsonNode again = messages(requests.get(2)).getLast();
        assertThat(again.path("content").asText()).isEqualTo("Deploy again, and look at the python tests too.");
        assertThat(occurrences(requests.get(2).toString(), DEPLOY)).isEqualTo(1);
        assertThat(occurrences(requests.get(2).toString(), PYTHON)).isEqualTo(1);
    }

    @Test
    void theMessageThatStartsAConversationActivatesTheUsersSkillItTriggersAndSaysSo() {
        Conversation conversation = new Conversation();
        WorkerTestResource.platform().skills(conversation.id, List.of(
                Map.of("name", "docker", "triggers", List.of("Docker"), "content", "Use docker compose v2.")));
        conversation.script().text("done");

        conversation.start("Put the app in DOCKER.");
        awaitAgentMessages(conversation, 1);

        assertThat(userMessages(conversation).getFirst().activatedSkills()).containsExactly("docker");
        JsonNode user = messages(WorkerTestResource.llm().requests(conversation.model).getFirst()).get(1);
        assertThat(user.path("content").asText()).startsWith("Put the app in DOCKER.\n\n<SKILL_KNOWLEDGE name=\"docker\"")
                .contains("Use docker compose v2.");
    }

    @Test
    void aWorkerTakingTheConversationOverGivesTheAgentTheSkillsTheLogRecordsNotWhatTheSourcesHoldNow()
            throws Exception {
        Conversation conversation = new Conversation();
        StartConversation start = new StartConversation(UUID.randomUUID(), conversation.id, Instant.now(), "user-1",
                conversation.sandboxId, "Cut a release.", null, null, conversation.settings());
        WorkerTestResource.platform().conversation(new PlatformStub.Conversation(conversation.id, "user-1",
                conversation.sandboxId, start.settings()));
        WorkerTestResource.platform().secret(conversation.id, "llm-key", "sk-test");
        // what the owner's skills are now: the previous worker loaded others
        WorkerTestResource.platform().skills(conversation.id, List.of(
                Map.of("name", "ledger", "triggers", List.of(), "content", "CHANGED SINCE")));
        LoadedSkill ledger = new LoadedSkill("ledger", SkillSource.USER, null, List.of(), "Keep a ledger.", false);
        LoadedSkill release = new LoadedSkill("release", SkillSource.USER, null, List.of("release"),
                "Tag it vX.Y.Z.", false);
        List<ConversationEvent> dead = List.of(
                event(conversation.id, 1, NewEvent.idCausedBy(start.commandId()), EventSource.SYSTEM,
                        new SystemPromptEvent("You are a test agent.", tools.specifications(false))),
                event(conversation.id, 2, UUID.randomUUID(), EventSource.SYSTEM,
                        new SkillsLoadedEvent(List.of(ledger, release), List.of(), List.of())),
                event(conversation.id, 3, UUID.randomUUID(), EventSource.USER,
                        new MessageEvent("Cut a release.", List.of("release"))),
                event(conversation.id, 4, UUID.randomUUID(), EventSource.SYSTEM,
                        ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)));
        publish(conversation.id, dead);
        conversation.script().text("released").text("released again");

        conversation.send(start);
        awaitAgentMessages(conversation, 1);
        conversation.message("Another release, please.");
        awaitAgentMessages(conversation, 2);

        assertThat(payloads(conversation, SkillsLoadedEvent.class)).hasSize(1);
        assertThat(userMessages(conversation).get(1).activatedSkills()).isEmpty();
        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        String system = requests.get(0).path("messages").get(0).path("content").asText();
        assertThat(system).contains("Keep a ledger.").doesNotContain("CHANGED SINCE");
        assertThat(messages(requests.get(0)).get(1).path("content").asText()).contains("Tag it vX.Y.Z.");
        assertThat(occurrences(requests.get(1).toString(), "Tag it vX.Y.Z.")).isEqualTo(1);
    }

    private static void awaitAgentMessages(Conversation conversation, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> conversation.events().stream()
                .filter(e -> e.source() == EventSource.AGENT && e.payload() instanceof MessageEvent).count() >= count
                && conversation.status() == ExecutionStatus.IDLE);
    }

    private static <T extends EventPayload> List<T> payloads(Conversation conversation, Class<T> type) {
        return conversation.events().stream().map(ConversationEvent::payload).filter(type::isInstance).map(type::cast)
                .toList();
    }

    private static List<MessageEvent> userMessages(Conversation conversation) {
        return conversation.events().stream()
                .filter(e -> e.source() == EventSource.USER && e.payload() instanceof MessageEvent)
                .map(e -> (MessageEvent) e.payload()).toList();
    }

    private static List<JsonNode> messages(JsonNode request) {
        return Stream.iterate(0, i -> i < request.path("messages").size(), i -> i + 1)
                .map(i -> request.path("messages").get(i)).toList();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static Map<String, Object> credentials() {
        return Map.of("provider", "github", "host", "127.0.0.1", "repository", "acme/skills",
                "cloneUrl", server.baseUrl() + "/acme/skills.git", "username", "x-access-token", "token", TOKEN,
                "identity", Map.of("login", "ada", "name", "Ada Lovelace", "email", "ada@example.com"));
    }

    private static ConversationEvent event(UUID conversationId, long seq, UUID id, EventSource source,
            EventPayload payload) {
        return new ConversationEvent(id, conversationId, seq, Instant.now(), source, payload);
    }

    /** Writes a dead worker's events and waits until the event-store holds them. */
    private static void publish(UUID conversationId, List<ConversationEvent> events) throws Exception {
        try (KafkaProducer<String, String> deadWorker = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (ConversationEvent event : events) {
                deadWorker.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversationId.toString(),
                        GantryJson.mapper().writeValueAsString(event))).get();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        URI head = URI.create(WorkerTestResource.eventStore() + "/conversations/" + conversationId + "/head");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> GantryJson.mapper()
                .readTree(http.send(HttpRequest.newBuilder(head)
                        .header(InternalHeaders.SERVICE_TOKEN, TestCallers.AGENT_WORKER_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).body())
                .path("lastSeq").asLong() == events.size());
    }
}
