package dev.gantry.worker.config;

import dev.gantry.contracts.event.SecurityRisk;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent-worker's own settings ({@code gantry.worker.*}). */
@ConfigMapping(prefix = "gantry.worker")
public interface WorkerConfig {

    /** How long a conversation waits for its sandbox to be RUNNING before it fails with an error. */
    @WithDefault("120s")
    Duration sandboxStartTimeout();

    /** How many conversations this worker drives at once; more wait their turn. */
    @WithDefault("64")
    int maxConcurrentConversations();

    /** The most agent steps one run may take, whatever a conversation's settings ask for. */
    @WithDefault("100")
    int maxIterations();

    /**
     * How long the sandbox of a conversation that has ended (finished, stopped, stuck, failed) keeps running
     * before the worker pauses it: its runtime stops, its workspace stays, and the next message, or a look at
     * its files, starts it again. A running sandbox holds memory and processes whether anyone uses it or not.
     */
    @WithDefault("2m")
    Duration sandboxPauseAfterEnd();

    /**
     * How long a conversation at rest keeps its state in this worker's memory; after that it is read back
     * from the log when its next command comes.
     */
    @WithDefault("10m")
    Duration idleEviction();

    /**
     * Where the project lives in a sandbox, as the system prompt tells the agent; {@code {sandboxId}} in it
     * stands for the conversation's sandbox (local sandboxes each have their own directory on the host).
     */
    @WithDefault("/workspace")
    String workspacePath();

    Commands commands();

    Recovery recovery();

    Llm llm();

    Runtime runtime();

    Git git();

    /** Cloning a conversation's repository into its workspace before the agent's first step. */
    interface Git {

        /** How many commits of history the clone fetches; 0 for all of it. */
        @WithDefault("0")
        int cloneDepth();

        /** How long the clone may take before the start ends in an error. */
        @WithDefault("10m")
        Duration cloneTimeout();
    }

    /** How commands are taken from {@code gantry.conversation-commands} and events written. */
    interface Commands {

        /** The consumer group of all agent-workers: Kafka spreads the command partitions among them. */
        @WithDefault("gantry-agent-worker")
        String group();

        /**
         * Prefix of the transactional id of the event writer of each command partition. The owner of
         * partition p writes with {@code <prefix>p}, so a new owner fences the previous one.
         */
        @WithDefault("gantry-agent-worker-events-")
        String transactionalIdPrefix();

        /** How long one poll of the command topic waits for records. */
        @WithDefault("200ms")
        Duration pollTimeout();

        /** How long a transaction may stay open before the broker aborts it. */
        @WithDefault("60s")
        Duration transactionTimeout();

        /**
         * How long a step's actions wait, sent but not committed, for the tool's result, so that a quick
         * step commits its action and observation in one transaction. Clients see an action this much later
         * at most; 0 commits every action on its own before its tool runs.
         */
        @WithDefault("50ms")
        Duration stepCommitGrace();
    }

    /** How a worker that takes over a conversation rebuilds it. */
    interface Recovery {

        /** Events a page of the event-store holds when the history is read back. */
        @WithDefault("100")
        int pageSize();

        /**
         * The clock difference tolerated between the services: the tail of the event topic is read from
         * this long before the newest time the event-store (or the command) gives.
         */
        @WithDefault("30s")
        Duration clockSkew();

        /** How long reading the tail of the event topic may take. */
        @WithDefault("30s")
        Duration topicReadTimeout();

        /**
         * How many tails of the event topic one worker reads at once, each with its own consumer: conversations
         * that start together recover side by side up to this many; each consumer is one more connection to the
         * broker.
         */
        @WithDefault("4")
        int topicReaders();
    }

    /** The LLM calls. */
    interface Llm {

        /** The OpenAI-compatible endpoint for conversations whose settings name none. */
        @WithDefault("https://api.openai.com/v1")
        String defaultBaseUrl();

        /**
         * The installation's key for {@code default-base-url}: sent there when a conversation names no key of its
         * own, and never to an endpoint a user named.
         */
        Optional<String> defaultApiKey();

        /** How long connecting to the LLM endpoint may take. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** How long one chat completion may take. */
        @WithDefault("120s")
        Duration timeout();

        /**
         * The models that read images, by name prefix (a {@code provider/} prefix of the model name is
         * ignored, case does not matter): only their requests carry the images tools return; other models
         * get the tools' text alone, as OpenHands does for LLMs without vision.
         */
        @WithDefault("gpt-4o,gpt-4.1,gpt-4-turbo,gpt-5,o1,o3,o4,claude-3,claude-sonnet-4,claude-opus-4,claude-haiku-4,"
                + "claude-4,gemini,pixtral,mistral-medium,mistral-small-3,llava,qwen2.5-vl,qwen-vl,llama-4")
        List<String> visionModelPrefixes();

        /**
         * Models asked in turn when the conversation's fails for a reason that may pass (429, 5xx, a timeout, an
         * unreachable endpoint) after its retries, each named as a settings {@code model} is ({@code anthropic/...}).
         * One of the conversation's provider goes to the conversation's endpoint with its key; one of another
         * provider to the installation's endpoint for that provider, with the installation's key for it.
         */
        Optional<List<String>> fallbackModels();

        /** The sampling temperature sent with every call; absent, each provider's default. */
        Optional<Double> temperature();

        /** Nucleus sampling (top-p) sent with every call; absent, each provider's default. */
        Optional<Double> topP();

        /**
         * The most tokens one answer may have; absent, the provider's default (Anthropic, which needs one, gets
         * {@code anthropic.max-tokens}).
         */
        Optional<Integer> maxOutputTokens();

        /** Anthropic's Messages API, for models named {@code anthropic/...}. */
        Anthropic anthropic();

        /** Google's Gemini API, for models named {@code gemini/...}. */
        Gemini gemini();

        /** Ollama's chat API, for models named {@code ollama/...}. */
        Ollama ollama();
    }

    interface Anthropic {

        /** The endpoint for conversations whose settings name none. */
        @WithDefault("https://api.anthropic.com/v1")
        String baseUrl();

        /** The installation's key for {@code base-url}: sent there when a conversation names no key of its own. */
        Optional<String> apiKey();

        /** The most tokens one answer may have when {@code max-output-tokens} is not set: the API needs a bound. */
        @WithDefault("8192")
        int maxTokens();

        /**
         * Whether the system prompt and the tools are marked for Anthropic's prompt cache: later calls of a conversation
         * read them at a tenth of the input price (writing them costs 1.25 times once per five minutes).
         */
        @WithDefault("true")
        boolean promptCaching();
    }

    interface Gemini {

        /** The endpoint for conversations whose settings name none. */
        @WithDefault("https://generativelanguage.googleapis.com/v1beta")
        String baseUrl();

        /** The installation's key for {@code base-url}: sent there when a conversation names no key of its own. */
        Optional<String> apiKey();
    }

    interface Ollama {

        /** The endpoint for conversations whose settings name none. */
        @WithDefault("http://localhost:11434")
        String baseUrl();

        /**
         * The installation's key for {@code base-url} (a proxy in front of Ollama), sent as a bearer token when a
         * conversation names no key of its own.
         */
        Optional<String> apiKey();

        /**
         * The context window Ollama loads the model with ({@code num_ctx}); absent, the server's default, which is
         * often too small for the agent's prompt and tools (Ollama then cuts the prompt without saying so).
         */
        Optional<Integer> numCtx();
    }

    /**
     * Model prices over the shipped table ({@code prices/llm-prices.json}), by model name: a field given replaces the
     * table's, a model the table lacks needs {@code input} and {@code output}. A value that is not a number stops the
     * worker at start, naming the key.
     */
    Map<String, PriceOverride> prices();

    /** A model's prices in US dollars per million tokens, each optional over the shipped table's. */
    interface PriceOverride {

        Optional<BigDecimal> input();

        /**
         * Prompt tokens the provider served from its cache. Left out, the table's when {@code input} is not given
         * either, else the input price (a budget errs towards stopping early).
         */
        Optional<BigDecimal> cachedInput();

        /**
         * Prompt tokens written to the provider's cache (Anthropic's cache writes). Left out, the table's when
         * {@code input} is not given either, else the input price.
         */
        Optional<BigDecimal> cacheWriteInput();

        Optional<BigDecimal> output();
    }

    /** The worker's own rating of the agent's actions. */
    Risk risk();

    interface Risk {

        /**
         * Under the {@code risky} confirmation policy, an action at this risk or above waits for the user (as does one
         * nobody could rate): LOW, MEDIUM or HIGH.
         */
        @WithDefault("MEDIUM")
        SecurityRisk confirmAt();
    }

    /** The HTTP calls to a sandbox's runtime. */
    interface Runtime {

        /** Connecting to a runtime. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** The longest a tool call waits for the runtime's answer: its longest allowed timeout and a margin. */
        @WithDefault("130m")
        Duration readTimeout();

    }
}
