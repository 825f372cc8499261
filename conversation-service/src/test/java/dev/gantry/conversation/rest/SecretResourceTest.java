package dev.gantry.conversation.rest;

import static dev.gantry.conversation.rest.ConversationResourceTest.invalid;
import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.integrations;
import static dev.gantry.conversation.support.Api.internal;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.conversation.crypto.SecretCipher;
import dev.gantry.conversation.crypto.SecretDecryptionException;
import dev.gantry.conversation.repository.SecretEntity;
import dev.gantry.conversation.repository.SecretRepository;
import dev.gantry.conversation.service.SecretService;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class SecretResourceTest {

    private static final String VALUE = "sk-test-4f8a9c1d2e";

    @Inject
    SecretRepository secrets;

    @Inject
    SecretCipher cipher;

    @Test
    void noAnswerEverCarriesASecretsValue() {
        String user = newUser();
        String created = as(user).body(Map.of("name", "OPENAI_API_KEY", "value", VALUE, "description", "LLM key"))
                .post("/secrets").then().statusCode(201)
                .body("name", is("OPENAI_API_KEY"))
                .body("description", is("LLM key"))
                .body("createdAt", notNullValue())
                .extract().asString();
        String replaced = as(user).body(Map.of("value", VALUE + "-2")).put("/secrets/OPENAI_API_KEY")
                .then().statusCode(200).body("name", is("OPENAI_API_KEY")).extract().asString();
        String listed = as(user).get("/secrets").then().statusCode(200)
                .body("items.name", equalTo(List.of("OPENAI_API_KEY")))
                .extract().asString();

        for (String answer : List.of(created, replaced, listed)) {
            assertThat(answer).doesNotContain(VALUE).doesNotContain("\"value\"");
        }
    }

    @Test
    void theStoredCiphertextIsNotThePlaintextAndAnotherKeyCannotOpenIt() throws Throwable {
        String user = newUser();
        as(user).body(Map.of("name", "GITHUB_TOKEN", "value", VALUE)).post("/secrets").then().statusCode(201);

        SecretEntity row = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> secrets.findByName(user, "GITHUB_TOKEN")));
        String context = SecretService.sealingContext(user, "GITHUB_TOKEN");

        assertThat(row.ciphertext).isNotEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(row.ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(VALUE);
        assertThat(cipher.open(row.ciphertext, context)).isEqualTo(VALUE);
        SecretCipher otherKey = SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[SecretCipher.KEY_BYTES]));
        assertThatThrownBy(() -> otherKey.open(row.ciphertext, context)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void theAgentWorkerAndTheIntegrationsServiceResolveTheOwnersSecretWithTheirTokens() {
        String user = newUser();
        as(user).body(Map.of("name", "LLM_KEY", "value", VALUE)).post("/secrets").then().statusCode(201);
        String conversation = as(user).post("/conversations").then().statusCode(201).extract().path("id");
        String path = "/internal/conversations/" + conversation + "/secrets/LLM_KEY";

        internal().get(path).then().statusCode(200).body("name", is("LLM_KEY")).body("value", is(VALUE));
        integrations().get(path).then().statusCode(200).body("value", is(VALUE));
        internal().get("/internal/conversations/" + conversation).then().statusCode(200).body("ownerId", is(user));

        as(user).get(path).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        internal().get("/internal/conversations/" + conversation + "/secrets/OTHER").then().statusCode(404);

        String stranger = newUser();
        as(stranger).body(Map.of("name", "STRANGER_KEY", "value", "theirs")).post("/secrets").then().statusCode(201);
        internal().get("/internal/conversations/" + conversation + "/secrets/STRANGER_KEY").then().statusCode(404);
    }

    @Test
    void noLogLineCarriesASecretsValue() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String user = newUser();
            as(user).body(Map.of("name", "LOGGED_KEY", "value", VALUE)).post("/secrets").then().statusCode(201);
            as(user).body(Map.of("value", VALUE)).put("/secrets/LOGGED_KEY").then().statusCode(200);
            as(user).body(Map.of("name", "bad name", "value", VALUE)).post("/secrets").then().statusCode(400);
            String conversation = as(user).post("/conversations").then().statusCode(201).extract().path("id");
            internal().get("/internal/conversations/" + conversation + "/secrets/LOGGED_KEY").then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(lines).anyMatch(line -> line.contains("LOGGED_KEY")).noneMatch(line -> line.contains(VALUE));
    }

    @Test
    void createReplaceAndDelete() {
        String user = newUser();
        as(user).body(Map.of("name", "A", "value", "one")).post("/secrets").then().statusCode(201);
        as(user).body(Map.of("name", "A", "value", "two")).post("/secrets").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", is("name"));
        as(user).body(Map.of("value", "three")).put("/secrets/B").then().statusCode(201).body("name", is("B"));
        as(user).body(Map.of("name", "C", "value", "x")).put("/secrets/B").then().statusCode(400)
                .body("errors[0].field", is("name"));
        as(newUser()).delete("/secrets/A").then().statusCode(404);
        as(user).delete("/secrets/A").then().statusCode(204);
        as(user).delete("/secrets/A").then().statusCode(404);
        as(user).get("/secrets").then().body("items.name", equalTo(List.of("B")));
    }

    @Test
    void listPagesByName() {
        String user = newUser();
        for (String name : List.of("D", "B", "A", "C")) {
            as(user).body(Map.of("name", name, "value", "v")).post("/secrets").then().statusCode(201);
        }
        String next = as(user).queryParam("limit", 3).get("/secrets").then().statusCode(200)
                .body("items.name", equalTo(List.of("A", "B", "C"))).extract().path("nextPageId");
        as(user).queryParam("limit", 3).queryParam("pageId", next).get("/secrets").then().statusCode(200)
                .body("items.name", equalTo(List.of("D")));
    }

    @Test
    void badSecretsAreRejectedNamingTheField() {
        String user = newUser();
        invalid(as(user).body(Map.of("name", "has space", "value", "v")).post("/secrets").then(), "name");
        invalid(as(user).body(Map.of("name", "OK")).post("/secrets").then(), "value");
        invalid(as(user).body(Map.of("name", "OK", "value", "")).post("/secrets").then(), "value");
    }
}
