package dev.gantry.system.chaos;

/** What the chaos suite breaks, one at a time, while conversations are mid-step. */
public enum Fault {
    /** SIGKILL of one agent-worker while a second one runs: the survivor takes its partitions. */
    AGENT_WORKER_WITH_PEER,
    /** The second worker stopped, then the only one left killed (SIGKILL) and restarted. */
    AGENT_WORKER_ALONE,
    EVENT_STORE,
    CONVERSATION_SERVICE,
    SANDBOX_MANAGER,
    INTEGRATIONS_SERVICE,
    /** SIGKILL of the gateway while every conversation has a client streaming its events. */
    GATEWAY,
    /** SIGKILL of the Kafka broker process, started again on the same data directory. */
    KAFKA,
    /** Every PostgreSQL connection dropped and new ones refused for 5 s (a proxy cut), then back. */
    POSTGRESQL,
    /** The same for Redis. */
    REDIS
}
