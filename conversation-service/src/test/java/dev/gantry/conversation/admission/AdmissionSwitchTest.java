package dev.gantry.conversation.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.config.ConversationConfig;
import dev.gantry.conversation.repository.ConversationEntity;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The switch and the bounds of admission's settings, which need no database. */
class AdmissionSwitchTest {

    @Test
    void withAdmissionOffAConversationRunsAtOnceAndNothingIsHeld() {
        Admission admission = new Admission(config(false, 1, 1));
        ConversationEntity conversation = new ConversationEntity();
        conversation.id = UUID.randomUUID();

        UUID heldFor = admission.runOrQueue(conversation, Instant.now()).await().indefinitely();

        assertThat(heldFor).isNull();
        assertThat(conversation.status).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void aLimitBelowOneIsRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> new Admission(config(true, 0, 4)))
                .hasMessageContaining("gantry.conversations.admission.max-running");
    }

    @Test
    void unsetTheLimitIsFourConversationsForEachCoreTheServiceSees() {
        Admission admission = new Admission(config(true, null, 4));

        assertThat(admission.maxRunning()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        assertThat(new Admission(config(true, 3, 4)).maxRunning()).isEqualTo(3);
    }

    /** The settings as SmallRye would map them, with these values (a null limit: unset). */
    private static ConversationConfig config(boolean enabled, Integer maxRunning, int perUser) {
        Map<String, Object> values = Map.of("enabled", enabled, "maxRunning",
                maxRunning == null ? OptionalInt.empty() : OptionalInt.of(maxRunning), "maxRunningPerUser", perUser,
                "passInterval", Duration.ofSeconds(2), "staleAfter", Duration.ofMinutes(15));
        ConversationConfig.Admission admission = (ConversationConfig.Admission) Proxy.newProxyInstance(
                AdmissionSwitchTest.class.getClassLoader(), new Class<?>[] {ConversationConfig.Admission.class},
                (proxy, method, args) -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                        : values.get(method.getName()));
        return (ConversationConfig) Proxy.newProxyInstance(AdmissionSwitchTest.class.getClassLoader(),
                new Class<?>[] {ConversationConfig.class}, (proxy, method, args) -> admission);
    }
}
