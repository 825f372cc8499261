package dev.gantry.system.chaos;

import dev.gantry.system.platform.Platform;

/** A platform the chaos suite breaks: its services, and what it can crash. */
public interface FaultInjector extends AutoCloseable {

    Platform platform();

    /** Injects one fault and returns when what it broke is back (a service ready again, a cut restored). */
    void inject(Fault fault) throws Exception;

    /**
     * The shared platform of the system tests (one worker, the in-JVM broker, the machine's PostgreSQL and Redis):
     * the short suite of the default build crashes its services; the rest needs {@link ChaosPlatform}.
     */
    static FaultInjector shared() {
        Platform platform = Platform.get();
        return new FaultInjector() {
            @Override
            public Platform platform() {
                return platform;
            }

            @Override
            public void inject(Fault fault) throws Exception {
                String service = switch (fault) {
                    case AGENT_WORKER_ALONE -> "agent-worker";
                    case EVENT_STORE -> "event-store";
                    case CONVERSATION_SERVICE -> "conversation-service";
                    case SANDBOX_MANAGER -> "sandbox-manager";
                    case INTEGRATIONS_SERVICE -> "integrations-service";
                    case GATEWAY -> "gateway";
                    default -> throw new IllegalArgumentException(fault + " needs the chaos platform: -Pchaos");
                };
                platform.crashAndRestart(service);
            }

            @Override
            public void close() {
                // the shared platform stays for the next test class; the JVM's exit stops it
            }
        };
    }
}
