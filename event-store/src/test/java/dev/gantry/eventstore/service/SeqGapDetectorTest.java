package dev.gantry.eventstore.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.eventstore.repository.StoredHead;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeqGapDetectorTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void consecutiveSeqsAfterTheHeadAreNoGap() {
        assertThat(SeqGapDetector.gaps(List.of(new StoredHead(a, 3)),
                List.of(new StoredHead(a, 5), new StoredHead(a, 4)))).isEmpty();
    }

    @Test
    void aNewConversationStartsAtOne() {
        assertThat(SeqGapDetector.gaps(List.of(), List.of(new StoredHead(a, 1)))).isEmpty();
        assertThat(SeqGapDetector.gaps(List.of(), List.of(new StoredHead(b, 3))))
                .containsExactly(new SeqGap(b, 0, 3));
    }

    @Test
    void eachHoleIsReportedOnceWithWhatIsMissing() {
        List<SeqGap> gaps = SeqGapDetector.gaps(List.of(new StoredHead(a, 2), new StoredHead(b, 10)),
                List.of(new StoredHead(a, 5), new StoredHead(a, 6), new StoredHead(a, 9), new StoredHead(b, 11)));

        assertThat(gaps).containsExactly(new SeqGap(a, 2, 5), new SeqGap(a, 6, 9));
        assertThat(gaps).extracting(SeqGap::missing).containsExactly(2L, 2L);
    }

    @Test
    void anEventThatFillsAnOlderHoleIsNotANewGap() {
        assertThat(SeqGapDetector.gaps(List.of(new StoredHead(a, 5)), List.of(new StoredHead(a, 3)))).isEmpty();
    }
}
