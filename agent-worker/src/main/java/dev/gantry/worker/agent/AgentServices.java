package dev.gantry.worker.agent;

import dev.gantry.platform.tracing.Tracing;
import dev.gantry.worker.agent.prompt.SystemPrompt;
import dev.gantry.worker.budget.Budgets;
import dev.gantry.worker.client.ConversationServiceClient;
import dev.gantry.worker.client.EventStoreClient;
import dev.gantry.worker.condenser.Condenser;
import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.worker.llm.LlmCaller;
import dev.gantry.worker.mcp.McpConnector;
import dev.gantry.worker.messaging.EventTopicReader;
import dev.gantry.worker.risk.RiskPolicy;
import dev.gantry.worker.sandbox.SandboxProvisioner;
import dev.gantry.worker.skills.SkillLoader;
import dev.gantry.worker.tools.ToolCatalog;
import jakarta.inject.Singleton;

/** The beans every conversation runner uses, handed over as one. */
@Singleton
record AgentServices(
        WorkerConfig config,
        SystemPrompt systemPrompt,
        ToolCatalog tools,
        LlmCaller llm,
        ConversationServiceClient conversations,
        EventStoreClient eventStore,
        EventTopicReader eventTopic,
        SandboxProvisioner sandboxes,
        StepMetrics metrics,
        McpConnector mcp,
        SkillLoader skills,
        Budgets budgets,
        RiskPolicy risk,
        Condenser condenser,
        Tracing tracing) {
}
