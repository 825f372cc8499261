package dev.gantry.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.config.GatewayConfig;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    private final StreamSlots slots = new StreamSlots(config(2));

    @Test
    void aUserGetsNoMoreStreamsThanTheLimitAndOthersAreNotAffected() {
        Optional<StreamSlots.Slot> first = slots.acquire("ann");
        Optional<StreamSlots.Slot> second = slots.acquire("ann");

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(slots.acquire("ann")).isEmpty();
        assertThat(slots.acquire("bob")).isPresent();
    }

    @Test
    void aReleasedSlotIsFreeAgainAndReleasingTwiceFreesOnlyOne() {
        StreamSlots.Slot first = slots.acquire("ann").orElseThrow();
        slots.acquire("ann").orElseThrow();

        first.release();
        first.release();

        assertThat(slots.openOf("ann")).isEqualTo(1);
        assertThat(slots.acquire("ann")).isPresent();
        assertThat(slots.acquire("ann")).isEmpty();
    }

    private static GatewayConfig config(int maxPerUser) {
        GatewayConfig.Stream stream = (GatewayConfig.Stream) Proxy.newProxyInstance(
                StreamSlotsTest.class.getClassLoader(), new Class<?>[] {GatewayConfig.Stream.class},
                (proxy, method, args) -> method.getName().equals("maxPerUser") ? maxPerUser : null);
        return (GatewayConfig) Proxy.newProxyInstance(StreamSlotsTest.class.getClassLoader(),
                new Class<?>[] {GatewayConfig.class},
                (proxy, method, args) -> method.getName().equals("stream") ? stream : null);
    }
}
