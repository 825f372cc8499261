package dev.gantry.worker.agent;

import dev.gantry.platform.logging.LogContext;
import dev.gantry.worker.agent.sandbox.ConversationSandbox;
import dev.gantry.worker.git.RepositoryAccess;
import dev.gantry.worker.mcp.McpToolbox;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.secrets.SandboxSecrets;
import dev.gantry.worker.tools.ToolCatalog;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a conversation runs with once its setup is known (from StartConversation, or from conversation-service
 * when the conversation is taken over), and what is built from it only when first needed: its sandbox, which
 * gets the conversation's secrets, its MCP servers and its repository's credentials. A conversation that never
 * runs a tool never reads a secret. Used on the conversation's thread only.
 */
final class ConversationResources {

    private final UUID conversationId;
    private final AgentServices services;
    private final ConversationState state;
    /** Writes the sandbox's own events (a resume) to the conversation's log. */
    private final Consumer<List<NewEvent>> writer;
    private ConversationSetup setup;
    /** The conversation's sandbox, once its setup is known. */
    private ConversationSandbox sandbox;
    /** The conversation's MCP servers, once a step or a call needs them. */
    private McpToolbox mcp;
    /** The conversation's repository credentials, read when first needed; null until then. */
    private RepositoryAccess repositoryAccess;

    ConversationResources(UUID conversationId, AgentServices services, ConversationState state,
            Consumer<List<NewEvent>> writer) {
        this.conversationId = conversationId;
        this.services = services;
        this.state = state;
        this.writer = writer;
    }

    /** What the conversation runs with; its lines name its user and sandbox from now on. */
    void setUp(ConversationSetup known) {
        setup = known;
        LogContext.user(known.ownerId());
        LogContext.sandbox(known.sandboxId());
    }

    /** Null until the conversation's first command, or its log, said what it runs with. */
    ConversationSetup setup() {
        return setup;
    }

    ConversationSandbox sandbox() {
        if (sandbox == null) {
            sandbox = new ConversationSandbox(conversationId, setup.sandboxId(), setup.ownerId(), services.sandboxes(),
                    this::sandboxSecrets, writer);
            if (setup.repository() != null) {
                sandbox.onNewRuntime(runtime -> {
                    if (state.repositoryCloned()) {
                        repositoryAccess().supply(runtime);
                    }
                });
            }
        }
        return sandbox;
    }

    McpToolbox mcp() {
        if (mcp == null) {
            mcp = new McpToolbox(conversationId, services.mcp(), services.conversations(),
                    () -> sandbox().session().runtime(), ToolCatalog.BUILT_IN_NAMES);
        }
        return mcp;
    }

    RepositoryAccess repositoryAccess() {
        if (repositoryAccess == null) {
            repositoryAccess = new RepositoryAccess(conversationId, services.conversations());
        }
        return repositoryAccess;
    }

    /** The secrets the sandbox's shell gets, and the repository's token, masked in every event but never exported. */
    private SandboxSecrets sandboxSecrets() {
        SandboxSecrets secrets = SandboxSecrets.load(conversationId, setup.settings().sandboxSecrets(), services.conversations());
        if (setup.repository() == null) {
            return secrets;
        }
        return repositoryAccess().credentials().map(c -> secrets.alsoMasking("git-token", c.token())).orElse(secrets);
    }

    /** The conversation ended a while ago: its sandbox stops holding a runtime until it is needed again. */
    void pauseSandbox() {
        if (setup == null || setup.sandboxId() == null) {
            return;
        }
        Log.infof("conversation %s ended %s ago: pausing its sandbox %s (its workspace stays)", conversationId,
                services.config().sandboxPauseAfterEnd(), setup.sandboxId());
        services.sandboxes().pause(setup.sandboxId());
        if (sandbox != null) {
            sandbox.released();
        }
    }

    /** The conversation leaves this worker: the connections to its MCP servers, if any were opened, close. */
    void close() {
        if (mcp != null) {
            mcp.close();
        }
    }
}
