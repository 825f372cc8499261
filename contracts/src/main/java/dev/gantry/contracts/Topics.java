package dev.gantry.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of Gantry, their keys and partitioning. Every topic is keyed by the id its
 * records are about, so one conversation (or sandbox) stays on one partition and keeps its order.
 * The constants are compile-time strings so they can name {@code @Incoming}/{@code @Channel}s.
 */
public final class Topics {

    /** Key: conversationId. Written by conversation-service. Records: {@link dev.gantry.contracts.command.ConversationCommand}. */
    public static final String CONVERSATION_COMMANDS = "gantry.conversation-commands";
    /** Key: conversationId. Written by the agent-worker only. Records: {@link dev.gantry.contracts.event.ConversationEvent}. */
    public static final String CONVERSATION_EVENTS = "gantry.conversation-events";
    /** Key: sandboxId. Written by agent-worker and conversation-service. Records: {@link dev.gantry.contracts.sandbox.SandboxCommand}. */
    public static final String SANDBOX_COMMANDS = "gantry.sandbox-commands";
    /** Key: sandboxId. Written by sandbox-manager. Records: {@link dev.gantry.contracts.sandbox.SandboxStatusEvent}. */
    public static final String SANDBOX_STATUS = "gantry.sandbox-status";
    /**
     * Key: {@code <provider>:<host>/<repository>}. Written by integrations-service: the git providers' webhook
     * deliveries it verified, read back by its resolver (one repository's deliveries in order).
     */
    public static final String RESOLVER_DELIVERIES = "gantry.resolver-deliveries";
    /**
     * Key: as {@link #RESOLVER_DELIVERIES}. Written by integrations-service's resolver: the deliveries whose processing
     * failed on every try, as they were read, with the reason in the {@code dead-letter-reason} header; kept for a
     * month so an operator can replay them (README, "The resolver").
     */
    public static final String RESOLVER_DELIVERIES_FAILED = "gantry.resolver-deliveries-failed";

    private static final String WEEK_MS = Long.toString(Duration.ofDays(7).toMillis());
    private static final String MONTH_MS = Long.toString(Duration.ofDays(30).toMillis());

    /**
     * Every topic with the partitions and configs it is created with. The conversation topics have
     * more partitions because they carry the agent work that is spread across workers.
     * The event log keeps a week on Kafka: the event-store is its durable home.
     */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(CONVERSATION_COMMANDS, 12, Map.of("retention.ms", WEEK_MS)),
            new TopicSpec(CONVERSATION_EVENTS, 12, Map.of("retention.ms", WEEK_MS)),
            new TopicSpec(SANDBOX_COMMANDS, 6, Map.of("retention.ms", WEEK_MS)),
            // the latest status per sandbox is what matters: compaction keeps it for any late reader
            new TopicSpec(SANDBOX_STATUS, 6, Map.of("cleanup.policy", "compact")),
            new TopicSpec(RESOLVER_DELIVERIES, 6, Map.of("retention.ms", WEEK_MS)),
            new TopicSpec(RESOLVER_DELIVERIES_FAILED, 1, Map.of("retention.ms", MONTH_MS)));

    private Topics() {
    }

    /** A topic as it must exist on the broker. The replication factor belongs to the deployment. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public TopicSpec {
            RequiredFields.require(name, "name");
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1");
            }
            configs = Map.copyOf(configs);
        }
    }
}
