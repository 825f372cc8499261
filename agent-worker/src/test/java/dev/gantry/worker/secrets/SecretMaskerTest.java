package dev.gantry.worker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SecurityRisk;
import dev.gantry.worker.messaging.NewEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void valuesWithRegexCharactersAreMatchedLiterally() {
        SecretMasker masker = SecretMasker.of(Map.of("ODD", "$1.*(x)\\Q"));

        assertThat(masker.mask("a $1.*(x)\\Q b $1.*(y)")).isEqualTo("a <secret:ODD> b $1.*(y)");
    }

    @Test
    void aValueContainingAnotherIsMaskedWhole() {
        SecretMasker masker = SecretMasker.of(Map.of("SHORT", "abcd", "LONG", "xxabcdyy"));

        assertThat(masker.mask("xxabcdyy abcd")).isEqualTo("<secret:LONG> <secret:SHORT>");
    }

    @Test
    void veryShortValuesAreNotMasked() {
        assertThat(SecretMasker.of(Map.of("PIN", "123")).mask("12345")).isEqualTo("12345");
    }

    @Test
    void everyTextOfAnEventIsMaskedItsIdKept() {
        SecretMasker masker = SecretMasker.of(Map.of("TOKEN", "s3cr3t-value"));
        var arguments = JsonNodeFactory.instance.objectNode().put("command", "curl -H 'x: s3cr3t-value' host");
        NewEvent action = NewEvent.of(EventSource.AGENT, new ActionEvent("terminal", "call_1", arguments,
                "use s3cr3t-value", SecurityRisk.LOW, "r1"));

        NewEvent masked = masker.mask(action);

        assertThat(masked.id()).isEqualTo(action.id());
        ActionEvent payload = (ActionEvent) masked.payload();
        assertThat(payload.arguments().path("command").asText()).isEqualTo("curl -H 'x: <secret:TOKEN>' host");
        assertThat(payload.thought()).isEqualTo("use <secret:TOKEN>");
        NewEvent plain = NewEvent.of(EventSource.USER, new MessageEvent("nothing here"));
        assertThat(masker.mask(plain)).isSameAs(plain);
    }
}
