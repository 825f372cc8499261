package dev.gantry.conversation.config;

import dev.gantry.contracts.command.ConfirmationPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The conversation-service's own settings ({@code gantry.conversations.*}). */
@ConfigMapping(prefix = "gantry.conversations")
public interface ConversationConfig {

    /**
     * How often the conversations-by-status gauges are counted again from the database; read by the scheduler
     * as {@code ${gantry.conversations.status-metrics-refresh}}.
     */
    @WithDefault("30s")
    Duration statusMetricsRefresh();

    /**
     * How long a create's {@code Idempotency-Key} answers its conversation; a repeat after that creates a new one
     * (the IETF draft leaves the time to the server; Stripe keeps keys 24 hours).
     */
    @WithDefault("24h")
    Duration idempotencyKeyRetention();

    /** How many conversations may run at once (README, "Many conversations at once"). */
    Admission admission();

    /** What a user's settings hold until they change them. */
    Defaults defaults();

    interface Defaults {

        @WithDefault("gpt-4o")
        String model();

        /** An OpenAI-compatible endpoint; absent means the platform's default for the model. */
        Optional<String> baseUrl();

        /** The name of the user's secret that holds the LLM API key; absent means none. */
        Optional<String> apiKeySecretName();

        /** OpenHands' SDK default. */
        @WithDefault("500")
        int maxIterations();

        @WithDefault("never")
        ConfirmationPolicy confirmationPolicy();

        /** The most one conversation may spend, in US dollars; absent means no limit. */
        Optional<BigDecimal> maxBudget();

        /** The most tokens one conversation may use (prompt and completion); absent means no limit. */
        Optional<Long> maxTokens();
    }

    interface Admission {

        /** Off: every conversation runs as soon as it is asked to, however many run (as before admission). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The most conversations of all users whose agent runs at once; a conversation that would run past it is
         * queued. Each running conversation holds a sandbox and its share of the platform's CPU. Unset: 4 for each
         * core the service sees ({@link #RUNNING_PER_CORE}), for where the sandboxes share the service's machine (the
         * embedded platform); a cluster, whose sandboxes run on nodes of their own, sets it (Helm: 128).
         */
        OptionalInt maxRunning();

        /**
         * The default of {@link #maxRunning()} per core. On 2 cores, 100 users for 5 minutes finished 216 conversations
         * with 0 errors at 8 running at once, and 167-187 with 74-88 errors at 32: each start of a sandbox and each step
         * competes for the same cores, and the services, behind, timed out requests.
         */
        int RUNNING_PER_CORE = 4;

        /** {@link #maxRunning()}, or its default for this machine. */
        default int maxRunningOrDefault() {
            return maxRunning().orElse(RUNNING_PER_CORE * Runtime.getRuntime().availableProcessors());
        }

        /** The most of one user's conversations that run at once, so one user's burst leaves room for the others. */
        @WithDefault("16")
        int maxRunningPerUser();

        /**
         * How often the queue is looked at even when nothing woke it (a conversation ending wakes it at once); read by
         * the scheduler as {@code ${gantry.conversations.admission.pass-interval}}.
         */
        @WithDefault("2s")
        Duration passInterval();

        /**
         * A running conversation that has written no event for this long no longer holds its place: its agent is gone
         * or stuck (an agent's steps write events far more often; a command's output comes at least every 30 s), and a
         * status left {@code running} must not keep its owner's queue waiting for ever.
         */
        @WithDefault("15m")
        Duration staleAfter();
    }
}
