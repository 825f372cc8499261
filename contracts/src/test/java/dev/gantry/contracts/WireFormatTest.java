package dev.gantry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.WireExamples.Example;
import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.contracts.sandbox.SandboxCommand;
import dev.gantry.contracts.sandbox.SandboxStatusEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireFormatTest {

    private final ObjectMapper mapper = GantryJson.mapper();

    static List<Example> examples() {
        return WireExamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void writesExactlyTheRecordedJson(Example example) throws IOException {
        JsonNode written = mapper.readTree(mapper.writerFor(example.wireType()).writeValueAsString(example.value()));

        assertThat(written).isEqualTo(golden(example));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void readsTheRecordedJsonBackIntoTheSameRecord(Example example) throws IOException {
        Object read = mapper.treeToValue(golden(example), example.wireType());

        assertThat(read).isEqualTo(example.value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void roundTripsThroughJson(Example example) throws IOException {
        String json = mapper.writerFor(example.wireType()).writeValueAsString(example.value());

        assertThat(mapper.readValue(json, example.wireType())).isEqualTo(example.value());
    }

    @Test
    void everyWireTypeHasAnExample() {
        List<String> named = examples().stream().map(Example::name).toList();
        List<String> permitted = Stream.of(EventPayload.class, ConversationCommand.class, SandboxCommand.class,
                        SandboxStatusEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .map(Class::getSimpleName)
                .toList();

        assertThat(named).containsExactlyInAnyOrderElementsOf(permitted);
    }

    @Test
    void anEventsKindIsItsPayloadsTypeName() {
        for (Example example : examples()) {
            if (example.value() instanceof ConversationEvent event) {
                assertThat(event.kind()).isEqualTo(event.payload().getClass().getSimpleName());
            }
        }
    }

    @Test
    void theKindsThatQueriesAcceptAreTheKindsOnTheWire() {
        List<String> onTheWire = Arrays.stream(EventPayload.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).toList();
        assertThat(EventPayload.KINDS).containsExactlyElementsOf(onTheWire);
    }

    @Test
    void aRecordThatIsNotAnEventIsPassedOverNotThrown() throws IOException {
        String event = mapper.writeValueAsString(golden("MessageEvent"));
        assertThat(ConversationEvent.fromRecord(mapper, event)).hasValueSatisfying(read -> assertThat(read.kind())
                .isEqualTo("MessageEvent"));
        assertThat(ConversationEvent.fromRecord(mapper, "{\"kind\": \"MessageEvent\"")).isEmpty();
        assertThat(ConversationEvent.fromRecord(mapper, "{\"id\": 1}")).isEmpty();
    }

    @Test
    void rejectsAnUnknownEventKindNamingItAndTheKnownOnes() throws IOException {
        JsonNode json = golden("MessageEvent");
        ((ObjectNode) json).put("kind", "TeleportEvent");

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationEvent.class))
                .isInstanceOf(InvalidTypeIdException.class)
                .hasMessageContaining("'TeleportEvent'")
                .hasMessageContaining("MessageEvent");
    }

    @Test
    void rejectsAnUnknownCommandKind() {
        String json = """
                {"kind":"Explode","commandId":"c0ffee00-0000-4000-8000-000000000003",
                 "conversationId":"7f3c2a10-0000-4000-8000-000000000001","issuedAt":"2026-11-25T10:00:00Z"}""";

        assertThatThrownBy(() -> mapper.readValue(json, ConversationCommand.class))
                .isInstanceOf(InvalidTypeIdException.class)
                .hasMessageContaining("'Explode'");
    }

    @Test
    void rejectsAnEventWithoutAKind() throws IOException {
        JsonNode json = golden("MessageEvent");
        ((ObjectNode) json).remove("kind");

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationEvent.class))
                .hasMessageContaining("kind");
    }

    @Test
    void rejectsAPayloadMissingARequiredFieldNamingTheField() throws IOException {
        JsonNode json = golden("ObservationEvent");
        ((ObjectNode) json.get("payload")).remove("toolCallId");

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationEvent.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("ObservationEvent")
                .hasMessageContaining("missing required field 'toolCallId'");
    }

    @Test
    void rejectsAnEnvelopeWithoutSeq() throws IOException {
        JsonNode json = golden("MessageEvent");
        ((ObjectNode) json).remove("seq");

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationEvent.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("field 'seq' must be at least 1");
    }

    @Test
    void rejectsACommandMissingItsId() {
        String json = """
                {"kind":"Stop","conversationId":"7f3c2a10-0000-4000-8000-000000000001",
                 "issuedAt":"2026-11-25T10:00:00Z"}""";

        assertThatThrownBy(() -> mapper.readValue(json, ConversationCommand.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("missing required field 'commandId'");
    }

    @Test
    void rejectsAnUnknownStatusValueListingTheAcceptedOnes() throws IOException {
        JsonNode json = golden("ConversationStateUpdateEvent");
        ((ObjectNode) json.get("payload")).put("status", "sleeping");

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationEvent.class))
                .hasMessageContaining("sleeping")
                .hasMessageContaining("waiting_for_confirmation");
    }

    @Test
    void settingsWithoutACondenserLeaveItToTheInstallation() throws IOException {
        JsonNode json = golden("StartConversation");
        ((ObjectNode) json.get("settings")).remove("condenser");

        StartConversation start = (StartConversation) mapper.treeToValue(json, ConversationCommand.class);
        assertThat(start.settings().condenser()).isNull();
        assertThat(mapper.valueToTree(start).path("settings").has("condenser")).isFalse();
    }

    @Test
    void aCondenserThatKeepsTooManyFirstEventsIsRefusedNamingKeepFirst() throws IOException {
        JsonNode json = golden("StartConversation");
        ((ObjectNode) json.path("settings").path("condenser")).put("maxSize", 10).put("keepFirst", 4);

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationCommand.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("field 'keepFirst' must be less than maxSize / 2 - 1 (4), was 4");
        assertThat(new CondenserSettings(CondenserMode.LLM, 10, 3).keepFirst()).isEqualTo(3);
        assertThatThrownBy(() -> new CondenserSettings(null, 3, null)).hasMessageContaining("'maxSize' must be at least 4");
        assertThatThrownBy(() -> new CondenserSettings(null, null, -1)).hasMessageContaining("'keepFirst' must not be negative");
    }

    @Test
    void anUnknownCondenserModeIsRefusedListingTheModes() throws IOException {
        JsonNode json = golden("StartConversation");
        ((ObjectNode) json.path("settings").path("condenser")).put("mode", "summarize");

        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationCommand.class))
                .hasMessageContaining("summarize")
                .hasMessageContaining("recent-events-only");
    }

    @Test
    void ignoresPropertiesItDoesNotKnowSoProducersCanAddFieldsFirst() throws IOException {
        JsonNode json = golden("MessageEvent");
        ((ObjectNode) json).put("traceId", "abc");
        ((ObjectNode) json.get("payload")).put("imageUrls", "x");

        assertThat(mapper.treeToValue(json, ConversationEvent.class)).isEqualTo(example("MessageEvent").value());
    }

    @Test
    void readsAnActionWrittenBeforeTheWorkerRatedActionsItself() throws IOException {
        JsonNode json = golden("ActionEvent");
        ObjectNode payload = (ObjectNode) json.get("payload");
        payload.remove(List.of("llmRisk", "analyzerRisk", "riskReason"));
        payload.put("securityRisk", "LOW");

        ActionEvent read = (ActionEvent) mapper.treeToValue(json, ConversationEvent.class).payload();

        assertThat(read.securityRisk()).isEqualTo(SecurityRisk.LOW);
        assertThat(read.llmRisk()).isNull();
        assertThat(read.analyzerRisk()).isNull();
        assertThat(read.riskReason()).isNull();
        assertThat(mapper.valueToTree(read).has("llmRisk")).isFalse();
    }

    @Test
    void readsSettingsWithoutATokenBudgetAsNoLimitAndRefusesANonPositiveOne() throws IOException {
        JsonNode json = golden("StartConversation");
        ObjectNode settings = (ObjectNode) json.get("settings");
        settings.remove("maxTokens");
        assertThat(((StartConversation) mapper.treeToValue(json, ConversationCommand.class)).settings().maxTokens())
                .isNull();

        settings.put("maxTokens", 0);
        assertThatThrownBy(() -> mapper.treeToValue(json, ConversationCommand.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("field 'maxTokens' must be at least 1");
    }

    private JsonNode golden(Example example) throws IOException {
        return golden(example.name());
    }

    private JsonNode golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wire/" + name + ".json")) {
            assertThat(in).as("src/test/resources/wire/%s.json", name).isNotNull();
            return mapper.readTree(in);
        }
    }

    private static Example example(String name) {
        return examples().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
