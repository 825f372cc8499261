package dev.gantry.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gateway.config.GatewayConfig;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    private final StreamSlots slots = new StreamSlots(config(2, 3));

    @Test
    void aUserGetsNoMoreStreamsThanTheLimitAndOthersAreNotAffected() {
        slots.acquire("ann");
        slots.acquire("ann");

        assertThatThrownBy(() -> slots.acquire("ann")).isInstanceOfSatisfying(StreamSlots.Refused.class,
                refused -> assertThat(refused.refusal()).isEqualTo(StreamSlots.Refusal.USER_LIMIT));
        slots.acquire("bob");
        assertThat(slots.openInAll()).as("the refused one holds nothing").isEqualTo(3);
    }

    @Test
    void theReplicaGivesNoMoreStreamsThanItsLimitWhoeverAsks() {
        slots.acquire("ann");
        slots.acquire("bob");
        StreamSlots.Slot third = slots.acquire("cid");

        assertThatThrownBy(() -> slots.acquire("dan")).isInstanceOfSatisfying(StreamSlots.Refused.class,
                refused -> assertThat(refused.refusal()).isEqualTo(StreamSlots.Refusal.REPLICA_FULL));
        third.release();
        slots.acquire("dan");
        assertThat(slots.openOf("dan")).isEqualTo(1);
    }

    @Test
    void aReleasedSlotIsFreeAgainAndReleasingTwiceFreesOnlyOne() {
        StreamSlots.Slot first = slots.acquire("ann");
        slots.acquire("ann");

        first.release();
        first.release();

        assertThat(slots.openOf("ann")).isEqualTo(1);
        assertThat(slots.openInAll()).isEqualTo(1);
        slots.acquire("ann");
        assertThatThrownBy(() -> slots.acquire("ann")).isInstanceOf(StreamSlots.Refused.class);
    }

    private static GatewayConfig config(int maxPerUser, int maxOpen) {
        GatewayConfig.Stream stream = (GatewayConfig.Stream) Proxy.newProxyInstance(
                StreamSlotsTest.class.getClassLoader(), new Class<?>[] {GatewayConfig.Stream.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "maxPerUser" -> maxPerUser;
                    case "maxOpen" -> maxOpen;
                    default -> null;
                });
        return (GatewayConfig) Proxy.newProxyInstance(StreamSlotsTest.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class},
                (proxy, method, args) -> method.getName().equals("stream") ? stream : null);
    }
}
