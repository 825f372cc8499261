package dev.gantry.conversation.rest;

import static dev.gantry.conversation.rest.ConversationResourceTest.invalid;
import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.integrations;
import static dev.gantry.conversation.support.Api.internal;
import static dev.gantry.conversation.support.Api.newUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings, MCP servers and event callbacks: what a user configures besides secrets. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class UserConfigResourceTest {

    @Test
    void settingsStartAsTheConfiguredDefaultsAndMergeWhatIsPosted() {
        String user = newUser();
        as(user).get("/settings").then().statusCode(200)
                .body("model", is("gpt-4o"))
                .body("maxIterations", is(500))
                .body("confirmationPolicy", is("never"))
                .body("baseUrl", nullValue())
                .body("maxTokens", nullValue());

        as(user).body(Map.of("model", "local-llm", "baseUrl", "http://llm.local:8000/v1")).post("/settings")
                .then().statusCode(200).body("model", is("local-llm"));
        as(user).body(Map.of("confirmationPolicy", "risky", "maxBudget", "2.50", "apiKeySecretName", "LLM_KEY",
                        "maxTokens", 200_000))
                .post("/settings").then().statusCode(200);

        as(user).get("/settings").then().statusCode(200)
                .body("model", is("local-llm"))
                .body("baseUrl", is("http://llm.local:8000/v1"))
                .body("confirmationPolicy", is("risky"))
                .body("maxBudget", is("2.50"))
                .body("maxTokens", is(200_000))
                .body("apiKeySecretName", is("LLM_KEY"))
                .body("maxIterations", is(500));
        as(newUser()).get("/settings").then().body("model", is("gpt-4o"));
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        String user = newUser();
        invalid(as(user).body(Map.of("confirmationPolicy", "sometimes")).post("/settings").then(), "confirmationPolicy");
        invalid(as(user).body(Map.of("maxIterations", 0)).post("/settings").then(), "maxIterations");
        invalid(as(user).body(Map.of("maxIterations", "lots")).post("/settings").then(), "maxIterations");
        invalid(as(user).body(Map.of("baseUrl", "ftp://x")).post("/settings").then(), "baseUrl");
        invalid(as(user).body(Map.of("maxBudget", -1)).post("/settings").then(), "maxBudget");
        invalid(as(user).body(Map.of("maxTokens", 0)).post("/settings").then(), "maxTokens");
        invalid(as(user).body(Map.of("maxTokens", "many")).post("/settings").then(), "maxTokens");
        invalid(as(user).body(Map.of("model", "  ")).post("/settings").then(), "model");
    }

    @Test
    void aBaseUrlTheWorkerMayNotCallIsRejectedNamingBaseUrlAndWhy() {
        String user = newUser();
        Map<String, String> refused = Map.of(
                "http://169.254.169.254/", "resolves to a cloud metadata address: 169.254.169.254",
                "http://127.0.0.1:5432", "resolves to a non-public address: 127.0.0.1, loopback",
                "http://[::ffff:10.0.0.1]/", "resolves to a non-public address: 10.0.0.1, private-use",
                "file:///etc/passwd", "must be an http or https URL",
                "https://admin:pw@1.1.1.1/v1", "must not carry user information");
        refused.forEach((url, reason) -> {
            invalid(as(user).body(Map.of("baseUrl", url)).post("/settings").then(), "baseUrl");
            as(user).body(Map.of("baseUrl", url)).post("/settings").then()
                    .body("errors.find { it.field == 'baseUrl' }.reason", containsString(reason));
        });
        as(user).get("/settings").then().statusCode(200).body("baseUrl", nullValue());
    }

    @Test
    void aModelWhoseProviderPrefixIsUnknownIsRejectedNamingModelAndTheKnownProviders() {
        String user = newUser();
        invalid(as(user).body(Map.of("model", "deepseek/deepseek-chat")).post("/settings").then(), "model");
        as(user).body(Map.of("model", "deepseek/deepseek-chat")).post("/settings").then()
                .body("errors.find { it.field == 'model' }.reason", containsString(
                        "names the provider 'deepseek', which is not one of openai, hosted_vllm, litellm_proxy, anthropic,"
                                + " gemini, ollama"));
        invalid(as(user).body(Map.of("model", "anthropic/")).post("/settings").then(), "model");
        as(user).get("/settings").then().statusCode(200).body("model", is("gpt-4o"));

        for (String model : List.of("anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-pro", "ollama/qwen3:8b",
                "openai/meta-llama/Llama-3.3-70B", "gpt-4o-mini")) {
            as(user).body(Map.of("model", model)).post("/settings").then().statusCode(200).body("model", is(model));
        }
    }

    @Test
    void aPublicBaseUrlIsSaved() {
        String user = newUser();
        as(user).body(Map.of("baseUrl", "https://1.1.1.1/v1")).post("/settings")
                .then().statusCode(200).body("baseUrl", is("https://1.1.1.1/v1"));
    }

    @Test
    void sandboxSecretsNameExistingSecretsWithShellVariableNamesAndReachNewConversations() {
        String user = newUser();
        as(user).body(Map.of("name", "MY_TOKEN", "value", "t0k3n")).post("/secrets").then().statusCode(201);
        as(user).body(Map.of("name", "dotted.name", "value", "v4lue")).post("/secrets").then().statusCode(201);

        invalid(as(user).body(Map.of("sandboxSecrets", List.of("MY_TOKEN", "NOT_THERE"))).post("/settings").then(),
                "sandboxSecrets[1]");
        invalid(as(user).body(Map.of("sandboxSecrets", List.of("dotted.name"))).post("/settings").then(),
                "sandboxSecrets[0]");
        invalid(as(user).body(Map.of("sandboxSecrets", List.of("GANTRY_SESSION_API_KEY"))).post("/settings").then(),
                "sandboxSecrets[0]");
        as(user).get("/settings").then().statusCode(200).body("sandboxSecrets", is(nullValue()));

        as(user).body(Map.of("sandboxSecrets", List.of("MY_TOKEN", "MY_TOKEN"))).post("/settings")
                .then().statusCode(200).body("sandboxSecrets", is(List.of("MY_TOKEN")));
        as(user).body(Map.of("initialMessage", "echo $MY_TOKEN")).post("/conversations")
                .then().statusCode(201).body("settings.sandboxSecrets", is(List.of("MY_TOKEN")))
                .body(not(containsString("t0k3n")));
        as(user).body(Map.of("sandboxSecrets", List.of())).post("/settings")
                .then().statusCode(200).body("sandboxSecrets", is(nullValue()));
    }

    @Test
    void aCondenserIsSavedWholeReachesNewConversationsAndIsRefusedNamingTheBadField() {
        String user = newUser();
        as(user).get("/settings").then().statusCode(200).body("condenser", nullValue());

        invalid(as(user).body(Map.of("condenser", Map.of("mode", "summarize"))).post("/settings").then(), "condenser.mode");
        invalid(as(user).body(Map.of("condenser", Map.of("maxSize", 3))).post("/settings").then(), "condenser.maxSize");
        invalid(as(user).body(Map.of("condenser", Map.of("maxSize", "big"))).post("/settings").then(), "condenser.maxSize");
        invalid(as(user).body(Map.of("condenser", Map.of("keepFirst", -1))).post("/settings").then(), "condenser.keepFirst");
        invalid(as(user).body(Map.of("condenser", Map.of("maxSize", 10, "keepFirst", 4))).post("/settings").then(),
                "condenser.keepFirst");
        as(user).body(Map.of("condenser", Map.of("maxSize", 10, "keepFirst", 4))).post("/settings").then()
                .body("errors[0].reason", is("must be less than maxSize / 2 - 1 (4)"));
        as(user).get("/settings").then().statusCode(200).body("condenser", nullValue());

        as(user).body(Map.of("condenser", Map.of("mode", "recent-events-only", "maxSize", 40))).post("/settings")
                .then().statusCode(200)
                .body("condenser.mode", is("recent-events-only"))
                .body("condenser.maxSize", is(40))
                .body("condenser", not(org.hamcrest.Matchers.hasKey("keepFirst")));
        as(user).body(Map.of("model", "another")).post("/settings").then().statusCode(200)
                .body("condenser.mode", is("recent-events-only"));
        as(user).body(Map.of("initialMessage", "work long")).post("/conversations")
                .then().statusCode(201).body("settings.condenser.mode", is("recent-events-only"))
                .body("settings.condenser.maxSize", is(40));
        as(user).body(Map.of("condenser", Map.of())).post("/settings")
                .then().statusCode(200).body("condenser", nullValue());
    }

    @Test
    void mcpServersAreStoredReplacedListedAndDeleted() {
        String user = newUser();
        as(user).body(Map.of("name", "TOKEN", "value", "t")).post("/secrets").then().statusCode(201);

        as(user).body(Map.of("name", "fs", "transport", "stdio", "command", "npx",
                "args", List.of("-y", "@modelcontextprotocol/server-filesystem"))).post("/mcp-servers")
                .then().statusCode(201).body("transport", is("stdio")).body("args[0]", is("-y"));
        as(user).body(Map.of("name", "search", "transport", "streamable-http", "url", "https://mcp.example/mcp",
                "headers", Map.of("Authorization", "secret:TOKEN", "X-Team", "core"))).post("/mcp-servers")
                .then().statusCode(201).body("headers.Authorization", is("secret:TOKEN"));
        as(user).body(Map.of("name", "fs", "transport", "sse", "url", "http://localhost:9000/sse"))
                .post("/mcp-servers").then().statusCode(200).body("transport", is("sse"));

        as(user).get("/mcp-servers").then().statusCode(200)
                .body("items.name", equalTo(List.of("fs", "search")))
                .body("items[0].url", is("http://localhost:9000/sse"))
                .body("items[0].command", nullValue());
        as(newUser()).delete("/mcp-servers/fs").then().statusCode(404);
        as(user).delete("/mcp-servers/fs").then().statusCode(204);
        as(user).get("/mcp-servers").then().body("items.name", equalTo(List.of("search")));
    }

    @Test
    void theAgentWorkerReadsTheOwnersMcpServersWithSecretReferencesUnresolved() {
        String user = newUser();
        as(user).body(Map.of("name", "TOKEN", "value", "t-value")).post("/secrets").then().statusCode(201);
        as(user).body(Map.of("name", "search", "transport", "streamable-http", "url", "https://mcp.example/mcp",
                "headers", Map.of("Authorization", "secret:TOKEN"))).post("/mcp-servers").then().statusCode(201);
        as(user).body(Map.of("name", "everything", "transport", "stdio", "command", "npx",
                "args", List.of("-y", "@modelcontextprotocol/server-everything"))).post("/mcp-servers")
                .then().statusCode(201);
        as(newUser()).body(Map.of("name", "strangers", "transport", "sse", "url", "https://other.example/sse"))
                .post("/mcp-servers").then().statusCode(201);
        String conversation = as(user).post("/conversations").then().statusCode(201).extract().path("id");
        String path = "/internal/conversations/" + conversation + "/mcp-servers";

        internal().get(path).then().statusCode(200)
                .body("name", equalTo(List.of("everything", "search")))
                .body("[0].args[1]", is("@modelcontextprotocol/server-everything"))
                .body("[1].headers.Authorization", is("secret:TOKEN"))
                .body(not(containsString("t-value")));
        integrations().get(path).then().statusCode(403);
        as(user).get(path).then().statusCode(403);
    }

    @Test
    void mcpServersAreValidatedNamingTheField() {
        String user = newUser();
        invalid(as(user).body(Map.of("name", "a", "transport", "stdio")).post("/mcp-servers").then(), "command");
        invalid(as(user).body(Map.of("name", "a", "transport", "sse")).post("/mcp-servers").then(), "url");
        invalid(as(user).body(Map.of("name", "a", "transport", "sse", "url", "https://x", "command", "npx"))
                .post("/mcp-servers").then(), "command");
        invalid(as(user).body(Map.of("name", "a", "transport", "carrier-pigeon", "url", "https://x"))
                .post("/mcp-servers").then(), "transport");
        invalid(as(user).body(Map.of("name", "a b", "transport", "sse", "url", "https://x"))
                .post("/mcp-servers").then(), "name");
        invalid(as(user).body(Map.of("name", "a", "transport", "sse", "url", "https://x",
                "headers", Map.of("Authorization", "secret:MISSING"))).post("/mcp-servers").then(), "headers[Authorization]");
    }

    @Test
    void eventCallbacksAreValidatedStoredListedAndDeleted() {
        String user = newUser();
        invalid(as(user).body(Map.of("url", "https://hooks.example/in", "eventKinds", List.of("MessageEvent"),
                "signingSecretName", "HOOK_KEY")).post("/event-callbacks").then(), "signingSecretName");
        as(user).body(Map.of("name", "HOOK_KEY", "value", "k")).post("/secrets").then().statusCode(201);
        invalid(as(user).body(Map.of("url", "https://hooks.example/in", "eventKinds", List.of("MessageEvent", "Gossip"),
                "signingSecretName", "HOOK_KEY")).post("/event-callbacks").then(), "eventKinds[1]");
        invalid(as(user).body(Map.of("url", "https://hooks.example/in", "eventKinds", List.of(),
                "signingSecretName", "HOOK_KEY")).post("/event-callbacks").then(), "eventKinds");
        invalid(as(user).body(Map.of("url", "mailto:me", "eventKinds", List.of("MessageEvent"),
                "signingSecretName", "HOOK_KEY")).post("/event-callbacks").then(), "url");

        String id = as(user).body(Map.of("url", "https://hooks.example/in",
                        "eventKinds", List.of("MessageEvent", "ConversationStateUpdateEvent"), "signingSecretName", "HOOK_KEY"))
                .post("/event-callbacks").then().statusCode(201)
                .body("id", notNullValue())
                .body("eventKinds", equalTo(List.of("ConversationStateUpdateEvent", "MessageEvent")))
                .extract().path("id");
        String unsigned = as(user).body(Map.of("url", "http://hooks.internal/in", "eventKinds", List.of("AgentErrorEvent")))
                .post("/event-callbacks").then().statusCode(201)
                .body("signingSecretName", nullValue())
                .extract().path("id");
        as(user).get("/event-callbacks").then().statusCode(200).body("items.id", equalTo(List.of(id, unsigned)));
        // the integrations-service reads them by conversation, whoever its owner, with its own token
        String conversation = as(user).body(Map.of()).post("/conversations").then().statusCode(201).extract().path("id");
        integrations().get("/internal/conversations/" + conversation + "/event-callbacks").then().statusCode(200)
                .body("id", equalTo(List.of(id, unsigned)))
                .body("[0].url", is("https://hooks.example/in"))
                .body("[0].signingSecretName", is("HOOK_KEY"));
        internal().get("/internal/conversations/" + conversation + "/event-callbacks").then().statusCode(403);
        as(user).delete("/event-callbacks/" + unsigned).then().statusCode(204);
        as(newUser()).delete("/event-callbacks/" + id).then().statusCode(404);
        as(user).delete("/event-callbacks/" + id).then().statusCode(204);
        as(user).get("/event-callbacks").then().body("items.size()", is(0));
    }
}
