package dev.gantry.conversation.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.conversation.admission.AdmissionPlan.Queued;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdmissionPlanTest {

    private final UUID a1 = UUID.randomUUID();
    private final UUID a2 = UUID.randomUUID();
    private final UUID a3 = UUID.randomUUID();
    private final UUID b1 = UUID.randomUUID();
    private final UUID c1 = UUID.randomUUID();

    @Test
    void ownersTakeTurnsSoOneUsersLongQueueDoesNotGoFirstInFull() {
        List<Queued> queue = List.of(new Queued(a1, "a"), new Queued(a2, "a"), new Queued(a3, "a"),
                new Queued(b1, "b"), new Queued(c1, "c"));

        assertThat(AdmissionPlan.choose(queue, Map.of(), 4, 10)).containsExactly(a1, b1, c1, a2);
    }

    @Test
    void noOwnerGoesPastTheirOwnLimitEvenWithPlacesFree() {
        List<Queued> queue = List.of(new Queued(a1, "a"), new Queued(a2, "a"), new Queued(b1, "b"));

        assertThat(AdmissionPlan.choose(queue, Map.of("a", 1L), 10, 2)).containsExactly(a1, b1);
    }

    @Test
    void nothingRunsWhenThePlatformIsFull() {
        List<Queued> queue = List.of(new Queued(a1, "a"), new Queued(b1, "b"));

        assertThat(AdmissionPlan.choose(queue, Map.of("x", 3L, "y", 2L), 5, 10)).isEmpty();
    }

    @Test
    void theFreePlacesAreTakenInQueueOrderAcrossOwners() {
        List<Queued> queue = List.of(new Queued(b1, "b"), new Queued(a1, "a"), new Queued(c1, "c"));

        assertThat(AdmissionPlan.choose(queue, Map.of("z", 3L), 5, 10)).containsExactly(b1, a1);
    }
}
