package dev.gantry.worker.condenser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CondenserPolicyTest {

    static CondenserConfig installation(CondenserMode mode, int maxSize, int keepFirst) {
        return new CondenserConfig() {
            @Override
            public CondenserMode mode() {
                return mode;
            }

            @Override
            public int maxSize() {
                return maxSize;
            }

            @Override
            public int keepFirst() {
                return keepFirst;
            }

            @Override
            public int maxEventChars() {
                return 2000;
            }
        };
    }

    @Test
    void aConversationsChoiceWinsFieldByFieldOverTheInstallations() {
        CondenserConfig installation = installation(CondenserMode.LLM, 80, 4);

        assertThat(CondenserPolicy.of(installation, null)).isEqualTo(new CondenserPolicy(CondenserMode.LLM, 80, 4));
        assertThat(CondenserPolicy.of(installation, new CondenserSettings(CondenserMode.OFF, null, null)))
                .isEqualTo(new CondenserPolicy(CondenserMode.OFF, 80, 4));
        assertThat(CondenserPolicy.of(installation, new CondenserSettings(null, 200, 10)))
                .isEqualTo(new CondenserPolicy(CondenserMode.LLM, 200, 10));
    }

    @Test
    void aSmallMaxSizeOfTheUserLowersTheInstallationsKeepFirstToWhatLeavesRoom() {
        CondenserPolicy policy = CondenserPolicy.of(installation(CondenserMode.LLM, 80, 4),
                new CondenserSettings(null, 8, null));

        assertThat(policy).isEqualTo(new CondenserPolicy(CondenserMode.LLM, 8, 2));
        assertThat(CondenserSettings.leavesRoom(policy.maxSize(), policy.keepFirst())).isTrue();
    }

    @Test
    void offNeverCondensesAndRecentEventsOnlyForgetsWithoutAskingTheLlm() {
        TestLog log = TestLog.started().steps(10);
        ContextView view = ContextView.of(log.events());

        Condenser off = new Condenser(installation(CondenserMode.OFF, 8, 2), null);
        assertThat(off.due(view, null, () -> {
            throw new AssertionError("no LLM is asked");
        })).isEmpty();

        Condenser recent = new Condenser(installation(CondenserMode.RECENT_EVENTS_ONLY, 8, 2), null);
        CondensationEvent condensation = recent.due(view, null, () -> {
            throw new AssertionError("no LLM is asked");
        }).orElseThrow().event();

        List<ConversationEvent> events = view.events();
        assertThat(condensation.summary()).isNull();
        assertThat(condensation.summaryOffset()).isNull();
        // of 22 events the two first stay; a tail of 8 / 2 - 2 - 1 = 1 would split the last pair, so it goes too
        assertThat(condensation.forgottenEventIds())
                .containsExactlyElementsOf(events.subList(2, 22).stream().map(ConversationEvent::id).toList());
    }

    @Test
    void aMisconfiguredInstallationStopsTheWorkerNamingTheSetting() {
        assertThatThrownBy(() -> new Condenser(installation(CondenserMode.LLM, 20, 9), null).check(null))
                .hasMessageContaining("gantry.worker.condenser.keep-first")
                .hasMessageContaining("less than max-size / 2 - 1 (9), was 9");
        assertThatThrownBy(() -> new Condenser(installation(CondenserMode.LLM, 3, 0), null).check(null))
                .hasMessageContaining("gantry.worker.condenser.max-size must be at least 4, was 3");
    }
}
