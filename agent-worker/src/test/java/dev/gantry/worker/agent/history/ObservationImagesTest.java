package dev.gantry.worker.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.worker.llm.VisionModels;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObservationImagesTest {

    private static final UUID CONVERSATION = UUID.randomUUID();

    @Test
    @DisplayName("an image the editor returned (OpenHands' ImageContent) follows the tool result as a user turn the LLM sees")
    void anObservationImageFollowsTheToolResults() {
        ConversationEvent action = ConversationEvent.of(CONVERSATION, 1, Instant.now(), EventSource.AGENT,
                new ActionEvent("file_editor", "call-1", JsonNodeFactory.instance.objectNode().put("command", "view"),
                        "", SecurityRisk.LOW, "response-1"));
        ConversationEvent observation = ConversationEvent.of(CONVERSATION, 2, Instant.now(), EventSource.ENVIRONMENT,
                new ObservationEvent(action.id(), "file_editor", "call-1", "Image file /w/a.png read successfully."
                        + " Displaying image content.", null, false, List.of("data:image/png;base64,iVBORw0KGgo=")));

        List<ChatMessage> messages = ChatHistory.toMessages(List.of(action, observation));

        assertEquals(3, messages.size(), String.valueOf(messages));
        assertInstanceOf(AiMessage.class, messages.get(0));
        assertInstanceOf(ToolExecutionResultMessage.class, messages.get(1));
        UserMessage images = assertInstanceOf(UserMessage.class, messages.get(2));
        ImageContent image = assertInstanceOf(ImageContent.class, images.contents().get(1));
        assertEquals("image/png", image.image().mimeType());
        assertEquals("iVBORw0KGgo=", image.image().base64Data());
    }

    @Test
    @DisplayName("a model without vision gets the tool's text alone: no image turn follows")
    void aModelWithoutVisionGetsNoImages() {
        ConversationEvent action = ConversationEvent.of(CONVERSATION, 1, Instant.now(), EventSource.AGENT,
                new ActionEvent("file_editor", "call-5", JsonNodeFactory.instance.objectNode().put("command", "view"),
                        "", SecurityRisk.LOW, "response-5"));
        ConversationEvent observation = ConversationEvent.of(CONVERSATION, 2, Instant.now(), EventSource.ENVIRONMENT,
                new ObservationEvent(action.id(), "file_editor", "call-5", "Image file /w/a.png read successfully.",
                        null, false, List.of("data:image/png;base64,iVBORw0KGgo=")));

        List<ChatMessage> messages = ChatHistory.toMessages(List.of(action, observation), false);

        assertEquals(2, messages.size(), String.valueOf(messages));
        assertInstanceOf(ToolExecutionResultMessage.class, messages.get(1));
    }

    @Test
    @DisplayName("vision models are told by name prefix, whatever the provider prefix and case")
    void visionModelsByPrefix() {
        VisionModels vision = new VisionModels(List.of("gpt-4o", " claude-sonnet-4", "gemini"));
        assertTrue(vision.readsImages("gpt-4o-mini"));
        assertTrue(vision.readsImages("anthropic/Claude-Sonnet-4-5"));
        assertTrue(vision.readsImages("gemini/gemini-2.5-pro"));
        assertFalse(vision.readsImages("gpt-3.5-turbo"));
        assertFalse(vision.readsImages("deepseek-chat"));
        assertFalse(vision.readsImages(null));
    }

    @Test
    @DisplayName("the images travel in the event's JSON and are left out of it when there are none")
    void imagesRoundTripThroughTheWireFormat() throws Exception {
        ObservationEvent withImage = new ObservationEvent(UUID.randomUUID(), "file_editor", "call-3", "Image file",
                null, false, List.of("data:image/gif;base64,R0lGODlh"));
        String json = GantryJson.mapper().writeValueAsString(withImage);
        assertEquals(withImage, GantryJson.mapper().readValue(json, ObservationEvent.class));
        ObservationEvent plain = new ObservationEvent(UUID.randomUUID(), "terminal", "call-4", "ok", 0, false);
        assertFalse(GantryJson.mapper().writeValueAsString(plain).contains("images"));
    }

    @Test
    @DisplayName("an observation without images adds no turn")
    void noImageNoTurn() {
        ConversationEvent action = ConversationEvent.of(CONVERSATION, 1, Instant.now(), EventSource.AGENT,
                new ActionEvent("terminal", "call-2", JsonNodeFactory.instance.objectNode().put("command", "ls"),
                        "", SecurityRisk.LOW, "response-2"));
        ConversationEvent observation = ConversationEvent.of(CONVERSATION, 2, Instant.now(), EventSource.ENVIRONMENT,
                new ObservationEvent(action.id(), "terminal", "call-2", "a.txt", 0, false));
        assertEquals(2, ChatHistory.toMessages(List.of(action, observation)).size());
    }
}
