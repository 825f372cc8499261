package dev.gantry.runtime.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the sandbox started this runtime: {@code GANTRY_SESSION_API_KEY} and {@code GANTRY_WORKSPACE},
 * plus the limits of its tools. There is no default key, so the runtime does not start without one.
 */
@ConfigMapping(prefix = "gantry")
public interface RuntimeConfig {

    /** The key every caller but {@code /alive} must present in {@code X-Session-API-Key}. */
    String sessionApiKey();

    /** The working root of the agent's tools; created at startup when missing. */
    @WithDefault("/workspace")
    Path workspace();

    /**
     * A directory of symbolic links naming workspaces ({@code <dir>/<sandboxId>}), set by a launcher that starts a
     * runtime before it knows the name its workspace will be given (a warm-pool sandbox): the link there that leads
     * to this runtime's workspace, once the sandbox is claimed, is the workspace's name (the shell's directory).
     */
    Optional<Path> workspaceLinks();

    /**
     * Directories the editor and file API may touch besides the workspace: the sandbox's private tmp, which
     * the launcher names. None by default: a shared directory (the host's {@code /tmp}, where checkouts and
     * the platform's files may lie) must never be one. A root that contains the workspace is refused at start,
     * since what lies beside a workspace (its sandbox's session key) belongs to the platform.
     */
    Optional<List<Path>> extraAllowedRoots();

    Terminal terminal();

    Editor editor();

    Files files();

    Mcp mcp();

    Actions actions();

    /** The journal of the actions run, by action id: how a repeat of one is answered without running it again. */
    interface Actions {

        /** Where the answers are kept; by default {@code .gantry/actions} in the workspace, which a pause keeps. */
        Optional<Path> directory();

        /** How many answers are kept, the newest: a take-over asks again only for the actions of one step. */
        @WithDefault("256")
        int keep();
    }

    /** The persistent shell behind {@code POST /api/v1/terminal}. */
    interface Terminal {

        /** The shell program; it must be bash, whose prompt and rc-file options the session relies on. */
        @WithDefault("/bin/bash")
        String shell();

        /** A running command that prints nothing for this long is reported back as still running. */
        @WithDefault("30s")
        Duration noOutputTimeout();

        /** How long a call without {@code timeoutSeconds} may wait for a command that keeps printing. */
        @WithDefault("10m")
        Duration defaultHardTimeout();

        /** The largest {@code timeoutSeconds} a caller may ask for. */
        @WithDefault("2h")
        Duration maxTimeout();

        /** How long a new shell may take to print its first prompt. */
        @WithDefault("10s")
        Duration startTimeout();

        /**
         * Start the shell as the runtime starts rather than at the first command, so that the first command finds
         * it ready; it moves to the workspace's name at that command when the name came later (a warm sandbox).
         */
        @WithDefault("true")
        boolean prestart();

        /**
         * How long a request waits for the one being served before it is refused as a conflict, so that
         * two requests racing for an idle terminal take turns instead of one bouncing off the other.
         */
        @WithDefault("1s")
        Duration busyWait();

        /** How long a key such as C-c waits for a starting command's program to take the terminal. */
        @WithDefault("500ms")
        Duration keyHandOverWait();

        /** Output above this many characters is cut in the middle. */
        @WithDefault("30000")
        int maxOutputChars();

        /** TERM of the shell; a dumb terminal keeps colour and cursor codes out of the output. */
        @WithDefault("dumb")
        String term();

        @WithDefault("240")
        int columns();

        @WithDefault("60")
        int rows();
    }

    /** The file editor behind {@code POST /api/v1/editor}. */
    interface Editor {

        /** Results above this many characters are clipped with a notice. */
        @WithDefault("16000")
        int maxResponseChars();

        /** Files larger than this are not loaded into memory for viewing or editing. */
        @WithDefault("10M")
        MemorySize maxFileSize();

        /** Lines of context shown around an edit. */
        @WithDefault("4")
        int snippetContextLines();

        /** How many earlier versions of each file {@code undo_edit} can restore. */
        @WithDefault("10")
        int maxUndoDepth();

        /**
         * Where the undo history is kept; by default {@code .gantry/editor-history} in the workspace, which is
         * what a paused sandbox keeps (its runtime process or pod does not survive the pause).
         */
        Optional<Path> historyDir();

        /** How deep a directory {@code view} lists. */
        @WithDefault("2")
        int directoryDepth();
    }

    /** The file transfer API under {@code /api/v1/files}. */
    interface Files {

        /** The largest upload accepted. */
        @WithDefault("100M")
        MemorySize maxUploadSize();
    }

    /** The stdio MCP servers relayed under {@code /api/v1/mcp/servers}. */
    interface Mcp {

        /** How long a relayed request waits for the server's answer when the caller names no timeout. */
        @WithDefault("60s")
        Duration defaultTimeout();

        /** The longest wait a caller may ask for. */
        @WithDefault("10m")
        Duration maxTimeout();

        /** How many servers may run at once. */
        @WithDefault("16")
        int maxServers();

        /** A line the server writes that is longer than this is refused as garbage (a base64 image fits). */
        @WithDefault("16M")
        MemorySize maxMessageSize();
    }
}
