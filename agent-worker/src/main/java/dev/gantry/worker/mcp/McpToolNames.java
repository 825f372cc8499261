package dev.gantry.worker.mcp;

import java.util.Set;
import java.util.regex.Pattern;

/** {@code <server>_<tool>} fitted to what LLM APIs accept as a function name: ^[a-zA-Z0-9_-]{1,64}$, unique. */
public final class McpToolNames {

    public static final int MAX_LENGTH = 64;
    private static final Pattern REFUSED = Pattern.compile("[^a-zA-Z0-9_-]");

    private McpToolNames() {
    }

    /** The name for the server's tool that none of the taken names (built-in tools, earlier MCP tools) has. */
    public static String fit(String server, String tool, Set<String> taken) {
        String base = REFUSED.matcher(server + "_" + tool).replaceAll("_");
        String name = clip(base, MAX_LENGTH);
        for (int n = 2; taken.contains(name); n++) {
            String suffix = "_" + n;
            name = clip(base, MAX_LENGTH - suffix.length()) + suffix;
        }
        return name;
    }

    private static String clip(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length);
    }
}
