package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpstreamErrorTest {

    @Test
    void theOpenAiErrorMessageIsKept() {
        assertThat(UpstreamError.reason(429, "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}"))
                .isEqualTo("HTTP 429: Rate limit reached");
    }

    @Test
    void anyOtherBodyIsDropped() {
        assertThat(UpstreamError.reason(502, "<html>internal page</html>")).isEqualTo("HTTP 502");
        assertThat(UpstreamError.reason(500, "{\"error\": \"not the OpenAI shape\"}")).isEqualTo("HTTP 500");
        assertThat(UpstreamError.reason(500, "")).isEqualTo("HTTP 500");
    }

    @Test
    void aLongMessageIsCutAndControlCharactersGo() {
        String cleaned = UpstreamError.clean("line one\r\nline\ttwo\u0007\u202e" + "y".repeat(400));

        assertThat(cleaned).startsWith("line one line two y").hasSize(UpstreamError.MAX_REASON).endsWith("…");
    }
}
