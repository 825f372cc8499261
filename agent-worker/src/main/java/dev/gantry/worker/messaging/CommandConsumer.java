package dev.gantry.worker.messaging;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.platform.tracing.KafkaTraceHeaders;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.worker.config.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumes {@code gantry.conversation-commands} in the workers' group. Owning a partition makes this
 * worker the single writer of its conversations: on assignment it opens the partition's transactional
 * writer (fencing the previous owner), on revocation it stops the conversations and closes the writer.
 * Offsets are committed only inside those transactions, when the commands are settled.
 */
@Singleton
class CommandConsumer {

    private final KafkaSettings settings;
    private final WorkerConfig config;
    private final CommandHandler handler;
    private final MeterRegistry meters;
    private final Tracing tracing;
    private final Map<Integer, OwnedPartition> owned = new ConcurrentHashMap<>();
    private final Map<Integer, CommandOffsets> offsets = new ConcurrentHashMap<>();
    private volatile ConsumerGroupMetadata groupMetadata;
    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private KafkaClientMetrics consumerMetrics;

    CommandConsumer(KafkaSettings settings, WorkerConfig config, CommandHandler handler, MeterRegistry meters,
            Tracing tracing) {
        this.settings = settings;
        this.tracing = tracing;
        this.config = config;
        this.handler = handler;
        this.meters = meters;
    }

    void start(@Observes StartupEvent start) {
        consumer = new KafkaConsumer<>(settings.commandConsumer(), new StringDeserializer(), new StringDeserializer());
        // the commands' lag and fetch rates on /q/metrics, as Quarkus binds them for the messaging channels' clients
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
        thread = Thread.ofPlatform().name("command-consumer").start(this::run);
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        consumer.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.CONVERSATION_COMMANDS), new Ownership());
            while (running) {
                var records = consumer.poll(config.commands().pollTimeout());
                groupMetadata = consumer.groupMetadata();
                for (ConsumerRecord<String, String> record : records) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // stop() asked the poll to end
        } catch (RuntimeException e) {
            Log.error("the command consumer stopped", e);
        } finally {
            owned.keySet().forEach(this::release);
            consumer.close();
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        OwnedPartition partition = owned.get(record.partition());
        if (partition == null) {
            return;
        }
        offsets.get(record.partition()).received(record.offset());
        // the command continues the trace of the request that issued it (conversation-service's outbox relay)
        try (Tracing.ActiveSpan process = tracing.messaging("process", record.topic(), SpanKind.CONSUMER,
                KafkaTraceHeaders.extract(tracing, record.headers()))) {
            take(partition, record, process);
        }
    }

    private void take(OwnedPartition partition, ConsumerRecord<String, String> record, Tracing.ActiveSpan process) {
        ConversationCommand command;
        try {
            command = GantryJson.mapper().readValue(record.value(), ConversationCommand.class);
        } catch (IOException | IllegalArgumentException e) {
            process.failed(e);
            Log.warnf("skipping an unreadable command at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            partition.settle(List.of(record.offset()));
            return;
        }
        handler.onCommand(partition, record.offset(), command, process.context());
    }

    private void release(int partition) {
        handler.onPartitionLost(partition);
        OwnedPartition gone = owned.remove(partition);
        offsets.remove(partition);
        if (gone != null) {
            gone.close();
        }
    }

    /** Called on the consumer thread, inside poll. */
    private final class Ownership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            groupMetadata = consumer.groupMetadata();
            for (TopicPartition tp : partitions) {
                CommandOffsets partitionOffsets = new CommandOffsets();
                offsets.put(tp.partition(), partitionOffsets);
                owned.put(tp.partition(), new OwnedPartition(tp.partition(),
                        new PartitionWriter(tp.partition(), settings.eventWriter(tp.partition()), partitionOffsets,
                                () -> groupMetadata, tracing)));
                Log.infof("took command partition %d", tp.partition());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> release(tp.partition()));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> release(tp.partition()));
        }
    }
}
