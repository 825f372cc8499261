package dev.gantry.worker.stuck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContextWindowTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTP 400: This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
            "HTTP 400: prompt is too long: 210432 tokens > 200000 maximum",
            "HTTP 400: input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000",
            "HTTP 400: the request exceeds the available context size, try increasing it",
            "HTTP 400: litellm.ContextWindowExceededError: the input is too long",
            "HTTP 400: Please reduce the length of the messages or completion.",
            "HTTP 400: context_length_exceeded",
            "HTTP 400: The input token count (1054016) exceeds the maximum number of tokens allowed (1048576)."})
    void aProvidersContextTooLongAnswerIsRecognised(String error) {
        assertThat(ContextWindow.isExceeded("the LLM call to m failed: " + error)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP 401: Incorrect API key provided", "HTTP 429: Rate limit reached for requests",
            "the endpoint did not answer in time", "HTTP 400: 'messages' must contain the word 'json'",
            "HTTP 400: The output token count exceeds the maximum number of tokens allowed"})
    void otherFailuresAreNot(String error) {
        assertThat(ContextWindow.isExceeded("the LLM call to m failed: " + error)).isFalse();
    }
}
