package dev.gantry.worker.secrets;

import dev.gantry.worker.client.ConversationServiceClient;
import io.quarkus.logging.Log;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The secrets a conversation gives its sandbox: the owner's secrets its settings list in
 * {@code sandboxSecrets}, read from conversation-service's internal route, each exported to the agent's
 * shell as the variable of the same name. Only names that are shell variable names can be exported.
 */
public final class SandboxSecrets {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final SandboxSecrets NONE = new SandboxSecrets(Map.of());

    private final Map<String, String> values;
    private final SecretMasker masker;

    private SandboxSecrets(Map<String, String> values) {
        this(values, values);
    }

    private SandboxSecrets(Map<String, String> values, Map<String, String> masked) {
        this.values = Map.copyOf(values);
        this.masker = SecretMasker.of(masked);
    }

    /**
     * The same secrets, with one more value masked in every event but not exported to the shell: the token the
     * repository is cloned with, which reaches git through its credential cache instead.
     */
    public SandboxSecrets alsoMasking(String name, String value) {
        Map<String, String> masked = new LinkedHashMap<>(values);
        masked.put(name, value);
        return new SandboxSecrets(values, masked);
    }

    public static SandboxSecrets none() {
        return NONE;
    }

    /** Reads the named secrets; one that is missing or not a variable name is left out, by name in the log. */
    public static SandboxSecrets load(UUID conversationId, List<String> names, ConversationServiceClient conversations) {
        if (names.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            if (!VARIABLE_NAME.matcher(name).matches() || name.startsWith("GANTRY_")) {
                Log.warnf("conversation %s: secret '%s' is not a shell variable name: not given to the sandbox",
                        conversationId, name);
                continue;
            }
            try {
                values.put(name, conversations.secretValue(conversationId, name));
            } catch (RuntimeException e) {
                Log.warnf("conversation %s: secret '%s' could not be read (%s): not given to the sandbox",
                        conversationId, name, e.getClass().getSimpleName());
            }
        }
        return new SandboxSecrets(values);
    }

    /** Variable name to value, for the sandbox's shell; never logged. */
    public Map<String, String> variables() {
        return values;
    }

    public SecretMasker masker() {
        return masker;
    }

    @Override
    public String toString() {
        return "SandboxSecrets" + values.keySet();
    }
}
