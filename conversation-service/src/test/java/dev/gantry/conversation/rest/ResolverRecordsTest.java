package dev.gantry.conversation.rest;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.integrations;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.conversation.support.CommandLog;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The resolver's records as the integrations-service keeps them: configurations checked against their user's
 * secret and git connection, one per repository, and a delivery that starts its conversation once however often
 * it is read.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class ResolverRecordsTest {

    private static final String CONFIGURATIONS = "/internal/resolver/configurations";

    @Test
    void aDeliveryStartsItsConversationOnceAndItsRepeatAnswersTheSameJob() {
        String user = newUser();
        String configuration = configure(user, "acme/api-" + UUID.randomUUID().toString().substring(0, 8));
        String delivery = UUID.randomUUID().toString();
        Map<String, Object> start = Map.of("configurationId", configuration, "deliveryId", delivery, "itemNumber", 7,
                "pullRequest", false, "title", "#7 Crash on an empty config", "initialMessage", "Resolve issue #7");

        String conversation = integrations().contentType(ContentType.JSON).body(start)
                .post("/internal/resolver/deliveries/github/conversation").then().statusCode(201)
                .body("itemNumber", is(7)).body("startCommentPosted", is(false)).body("userId", is(user))
                .extract().path("conversationId");
        integrations().contentType(ContentType.JSON).body(start)
                .post("/internal/resolver/deliveries/github/conversation").then().statusCode(200)
                .body("conversationId", is(conversation));

        as(user).get("/conversations").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", is(conversation)).body("items[0].title", is("#7 Crash on an empty config"))
                .body("items[0].repository", is(configurationRepository(configuration)));
        List<JsonNode> commands = CommandLog.conversationCommands(conversation, 1);
        assertThat(commands.getFirst().path("initialMessage").asText()).isEqualTo("Resolve issue #7");

        integrations().contentType(ContentType.JSON).body(Map.of("startCommentPosted", true))
                .patch("/internal/resolver/jobs/" + conversation).then().statusCode(200).body("startCommentPosted", is(true))
                .body("closingCommentPosted", is(false));
        integrations().get("/internal/resolver/jobs/" + conversation).then().statusCode(200)
                .body("deliveryId", is(delivery)).body("startCommentPosted", is(true));
    }

    @Test
    void aConfigurationNeedsItsUsersSecretAndConnectionAndARepositoryHasOne() {
        String user = newUser();
        Map<String, Object> request = configuration(user, "acme/web");
        integrations().contentType(ContentType.JSON).body(request).post(CONFIGURATIONS).then().statusCode(400)
                .body("errors[0].field", is("webhookSecretName"));
        as(user).body(Map.of("name", "hook-secret", "value", "s3cret")).post("/secrets").then().statusCode(201);
        integrations().contentType(ContentType.JSON).body(request).post(CONFIGURATIONS).then().statusCode(400)
                .body("errors[0].field", is("host"));

        String repository = "acme/web-" + UUID.randomUUID().toString().substring(0, 8);
        String id = configure(newUser(), repository);
        String other = newUser();
        GitConnectionsTest.connect(other, "github.com");
        as(other).body(Map.of("name", "hook-secret", "value", "s3cret")).post("/secrets").then().statusCode(201);
        integrations().contentType(ContentType.JSON).body(configuration(other, repository.toUpperCase()))
                .post(CONFIGURATIONS).then().statusCode(409).body("errors[0].field", is("repository"));

        integrations().queryParam("provider", "github").queryParam("host", "GitHub.com").queryParam("repository", repository)
                .get("/internal/resolver/repositories").then().statusCode(200).body("id", is(id));
        integrations().delete(CONFIGURATIONS + "/" + id).then().statusCode(204);
        integrations().queryParam("provider", "github").queryParam("host", "github.com").queryParam("repository", repository)
                .get("/internal/resolver/repositories").then().statusCode(404);
    }

    private static String configure(String user, String repository) {
        GitConnectionsTest.connect(user, "github.com");
        as(user).body(Map.of("name", "hook-secret", "value", "s3cret")).post("/secrets").then().statusCode(201);
        return integrations().contentType(ContentType.JSON).body(configuration(user, repository)).post(CONFIGURATIONS)
                .then().statusCode(201).body("userId", is(user)).body("webhookSecretName", is("hook-secret"))
                .extract().path("id");
    }

    private static Map<String, Object> configuration(String user, String repository) {
        return new HashMap<>(Map.of("userId", user, "provider", "github", "host", "github.com", "repository", repository,
                "webhookSecretName", "hook-secret", "label", "gantry", "mention", "@gantry", "createdBy", user));
    }

    private static String configurationRepository(String id) {
        return integrations().get(CONFIGURATIONS + "/" + id).then().statusCode(200).extract().path("repository");
    }
}
