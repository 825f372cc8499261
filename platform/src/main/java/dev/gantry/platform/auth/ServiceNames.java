package dev.gantry.platform.auth;

/** The platform services that call others with their own token; the names in {@code accepted-service-tokens}. */
public final class ServiceNames {

    public static final String GATEWAY = "gateway";
    public static final String AGENT_WORKER = "agent-worker";
    public static final String INTEGRATIONS_SERVICE = "integrations-service";

    private ServiceNames() {
    }
}
