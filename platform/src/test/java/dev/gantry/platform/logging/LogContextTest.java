package dev.gantry.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextTest {

    @AfterEach
    void clear() {
        LogContext.clear();
    }

    @Test
    void aPathNamesTheConversationOrSandboxItIsAbout() {
        UUID conversation = UUID.randomUUID();
        UUID sandbox = UUID.randomUUID();

        LogContext.aboutPath("/api/v1/conversations/" + conversation + "/events");
        LogContext.aboutPath("/sandboxes/" + sandbox + "/pause");

        assertThat(MDC.get(LogContext.CONVERSATION_ID)).isEqualTo(conversation.toString());
        assertThat(MDC.get(LogContext.SANDBOX_ID)).isEqualTo(sandbox.toString());
    }

    @Test
    void segmentsThatAreNotIdsNameNothing() {
        LogContext.aboutPath("/conversations/search/sandboxes");
        LogContext.aboutPath("/internal/conversations/not-a-uuid/secrets/" + UUID.randomUUID());

        assertThat(MDC.get(LogContext.CONVERSATION_ID)).isNull();
        assertThat(MDC.get(LogContext.SANDBOX_ID)).isNull();
    }

    @Test
    void clearingTakesEveryIdOffTheThread() {
        LogContext.user("alice");
        LogContext.conversation(UUID.randomUUID());
        LogContext.sandbox(UUID.randomUUID());

        LogContext.clear();

        assertThat(MDC.get(LogContext.USER_ID)).isNull();
        assertThat(MDC.get(LogContext.CONVERSATION_ID)).isNull();
        assertThat(MDC.get(LogContext.SANDBOX_ID)).isNull();
    }
}
