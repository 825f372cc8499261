package dev.gantry.eventstore.messaging;

import dev.gantry.eventstore.service.KnownHeads;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells the ingest path when the partitions of the events topic this replica stores change: the heads it
 * remembers are then forgotten, since another replica may write those conversations meanwhile.
 */
@ApplicationScoped
@Identifier(EventPartitionsListener.NAME)
public class EventPartitionsListener implements KafkaConsumerRebalanceListener {

    /** Named in the channel's {@code consumer-rebalance-listener.name}. */
    public static final String NAME = "gantry-event-partitions";

    private final KnownHeads knownHeads;

    public EventPartitionsListener(KnownHeads knownHeads) {
        this.knownHeads = knownHeads;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        knownHeads.forgetAll();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        knownHeads.forgetAll();
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        knownHeads.forgetAll();
    }
}
