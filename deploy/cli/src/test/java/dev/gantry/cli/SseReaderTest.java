package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsIdEventAndMultiLineDataAndSkipsHeartbeats() throws IOException {
        String stream = """
                : heartbeat

                id: 1
                event: MessageEvent
                data: {"a":
                data: 1}

                : heartbeat
                id: 2
                data:no-space

                """;
        List<SseEvent> events = new ArrayList<>();

        SseReader.read(new BufferedReader(new StringReader(stream)), events::add);

        assertThat(events).containsExactly(
                new SseEvent("1", "MessageEvent", "{\"a\":\n1}"),
                new SseEvent("2", "message", "no-space"));
    }

    @Test
    void dropsAnEventTheStreamCutOffBeforeItsBlankLine() throws IOException {
        List<SseEvent> events = new ArrayList<>();

        SseReader.read(new BufferedReader(new StringReader("id: 1\ndata: x\n\nid: 2\ndata: half")), events::add);

        assertThat(events).extracting(SseEvent::id).containsExactly("1");
    }
}
