package dev.gantry.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.gateway.api.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventLogPagesTest {

    private static Page<ConversationEvent> lastPage(long... seqs) {
        UUID conversation = UUID.randomUUID();
        return new Page<>(java.util.Arrays.stream(seqs).mapToObj(seq -> ConversationEvent.of(conversation, seq,
                Instant.now(), EventSource.AGENT, new MessageEvent("step " + seq, List.of()))).toList(), null);
    }

    @Test
    void aLastPageEndsShortWhenItsNewestEventIsOlderThanTheStatusSaid() {
        assertThat(EventLogPages.endsShortOf(lastPage(1, 2), 0, 3)).isTrue();
        assertThat(EventLogPages.endsShortOf(lastPage(1, 2, 3), 0, 3)).isFalse();
        assertThat(EventLogPages.endsShortOf(lastPage(), 0, 3)).isTrue();
    }

    @Test
    void aPageAfterLastSeqOrNotTheLastIsNeverShort() {
        assertThat(EventLogPages.endsShortOf(lastPage(), 3, 3)).isFalse();
        assertThat(EventLogPages.endsShortOf(lastPage(), 0, 0)).isFalse();
        assertThat(EventLogPages.endsShortOf(new Page<>(lastPage(1).items(), "next"), 0, 9)).isFalse();
    }
}
