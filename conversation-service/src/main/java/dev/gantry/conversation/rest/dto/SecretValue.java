package dev.gantry.conversation.rest.dto;

/** A resolved secret, answered only on the internal route the agent-worker and the integrations-service call with their own tokens. */
public record SecretValue(String name, String value) {

    @Override
    public String toString() {
        return "SecretValue[name=" + name + ", value=<hidden>]";
    }
}
