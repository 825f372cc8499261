package dev.gantry.conversation.config;

import dev.gantry.contracts.command.ConfirmationPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The conversation-service's own settings ({@code gantry.conversations.*}). */
@ConfigMapping(prefix = "gantry.conversations")
public interface ConversationConfig {

    /** What a user's settings hold until they change them. */
    Defaults defaults();

    interface Defaults {

        @WithDefault("gpt-4o")
        String model();

        /** OpenHands' SDK default. */
        @WithDefault("500")
        int maxIterations();

        @WithDefault("never")
        ConfirmationPolicy confirmationPolicy();
    }
}
