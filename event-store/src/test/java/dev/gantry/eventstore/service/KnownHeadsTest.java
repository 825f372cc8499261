package dev.gantry.eventstore.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.eventstore.repository.StoredHead;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnownHeadsTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void aConversationNeverWrittenHereIsReadFromTheTable() {
        KnownHeads heads = heads(10);

        KnownHeads.Lookup lookup = heads.lookup(List.of(a, b));

        assertThat(lookup.known()).isEmpty();
        assertThat(lookup.unknown()).containsExactly(a, b);
    }

    @Test
    void afterABatchItsConversationsHeadsAreKnownAsTheHighestSeq() {
        KnownHeads heads = heads(10);
        KnownHeads.Lookup first = heads.lookup(List.of(a, b));
        // a had events up to 7 in the table, b none; the batch stored a 8-9 and b 1
        heads.advance(first, List.of(new StoredHead(a, 7)),
                List.of(new StoredHead(a, 9), new StoredHead(a, 8), new StoredHead(b, 1)));

        KnownHeads.Lookup next = heads.lookup(List.of(a, b, c));

        assertThat(next.known()).containsExactlyInAnyOrder(new StoredHead(a, 9), new StoredHead(b, 1));
        assertThat(next.unknown()).containsExactly(c);
    }

    @Test
    void aConversationLookedUpWithoutEventsAndNothingStoredIsKnownAsEmpty() {
        KnownHeads heads = heads(10);
        heads.advance(heads.lookup(List.of(a)), List.of(), List.of());

        assertThat(heads.lookup(List.of(a)).known()).containsExactly(new StoredHead(a, 0));
    }

    @Test
    void aHoleFilledLaterDoesNotLowerTheHead() {
        KnownHeads heads = heads(10);
        heads.advance(heads.lookup(List.of(a)), List.of(), List.of(new StoredHead(a, 5)));
        heads.advance(heads.lookup(List.of(a)), List.of(), List.of(new StoredHead(a, 3)));

        assertThat(heads.lookup(List.of(a)).known()).containsExactly(new StoredHead(a, 5));
    }

    @Test
    void aBatchThatRanWhileThePartitionsChangedTeachesNothing() {
        KnownHeads heads = heads(10);
        KnownHeads.Lookup before = heads.lookup(List.of(a));

        heads.forgetAll();
        heads.advance(before, List.of(), List.of(new StoredHead(a, 4)));

        assertThat(heads.lookup(List.of(a)).unknown()).containsExactly(a);
    }

    @Test
    void aRebalanceOrADeletionForgets() {
        KnownHeads heads = heads(10);
        heads.advance(heads.lookup(List.of(a, b)), List.of(), List.of(new StoredHead(a, 1), new StoredHead(b, 1)));

        heads.forget(a);
        assertThat(heads.lookup(List.of(a, b)).unknown()).containsExactly(a);
        heads.forgetAll();
        assertThat(heads.lookup(List.of(a, b)).unknown()).containsExactly(a, b);
    }

    @Test
    void beyondItsBoundTheLeastRecentlyWrittenConversationIsForgotten() {
        KnownHeads heads = heads(2);
        heads.advance(heads.lookup(List.of(a, b)), List.of(), List.of(new StoredHead(a, 1), new StoredHead(b, 1)));
        heads.advance(heads.lookup(List.of(a)), List.of(), List.of(new StoredHead(a, 2)));

        heads.advance(heads.lookup(List.of(c)), List.of(), List.of(new StoredHead(c, 1)));

        assertThat(heads.size()).isEqualTo(2);
        assertThat(heads.lookup(List.of(a, b, c)).unknown()).containsExactly(b);
    }

    private static KnownHeads heads(int capacity) {
        return new KnownHeads(capacity);
    }
}
