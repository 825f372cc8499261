package dev.gantry.worker.agent.history;

import dev.gantry.contracts.event.ObservationEvent;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images of observations (the file editor's view of an image file, as OpenHands' editor returns
 * ImageContent), turned into what the LLM is shown: tool-result messages carry only text, so the images
 * follow them in one user turn that says where they came from.
 */
final class ObservationImages {

    private static final Pattern DATA_URL = Pattern.compile("data:(image/[a-z0-9.+-]+);base64,(.+)", Pattern.DOTALL);

    private ObservationImages() {
    }

    static List<Content> contents(ObservationEvent observation) {
        List<Content> contents = new ArrayList<>();
        for (String image : observation.images()) {
            Matcher matcher = DATA_URL.matcher(image);
            if (matcher.matches()) {
                contents.add(ImageContent.from(matcher.group(2), matcher.group(1)));
            }
        }
        return contents;
    }

    static UserMessage message(List<Content> images) {
        List<Content> contents = new ArrayList<>();
        contents.add(TextContent.from("The image content returned by the tool calls above:"));
        contents.addAll(images);
        return UserMessage.from(contents);
    }
}
