package dev.gantry.gateway.client;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The gateway's guards, one per platform service and kind of call, applied with
 * {@link io.smallrye.faulttolerance.api.ApplyGuard @ApplyGuard}: a client class names the guard of its calls that
 * are not tried again, and an idempotent method names the service's idempotent guard. Each guard's circuit breaker
 * is shared by the calls it guards, so it opens when the service is out, whichever routes the users call, and is
 * named as its guard.
 */
@Singleton
public final class Guards {

    public static final String CONVERSATION_SERVICE = "conversation-service";
    public static final String CONVERSATION_SERVICE_IDEMPOTENT = "conversation-service-idempotent";
    public static final String SANDBOX_MANAGER = "sandbox-manager";
    public static final String SANDBOX_MANAGER_IDEMPOTENT = "sandbox-manager-idempotent";
    public static final String EVENT_STORE_IDEMPOTENT = "event-store-idempotent";
    public static final String INTEGRATIONS = "integrations-service";
    /** integrations-service's calls it answers from a git provider: a longer timeout. */
    public static final String GIT_PROVIDER = "integrations-service-git-provider";
    public static final String GIT_PROVIDER_IDEMPOTENT = "integrations-service-git-provider-idempotent";

    @Produces
    @Identifier(CONVERSATION_SERVICE)
    static final Guard CONVERSATION_SERVICE_ONCE =
            CallPolicy.once(CONVERSATION_SERVICE, CallPolicy.TIMEOUT_MILLIS);

    @Produces
    @Identifier(CONVERSATION_SERVICE_IDEMPOTENT)
    static final Guard CONVERSATION_SERVICE_RETRIED =
            CallPolicy.idempotent(CONVERSATION_SERVICE_IDEMPOTENT, CallPolicy.TIMEOUT_MILLIS);

    @Produces
    @Identifier(SANDBOX_MANAGER)
    static final Guard SANDBOX_MANAGER_ONCE = CallPolicy.once(SANDBOX_MANAGER, CallPolicy.TIMEOUT_MILLIS);

    @Produces
    @Identifier(SANDBOX_MANAGER_IDEMPOTENT)
    static final Guard SANDBOX_MANAGER_RETRIED =
            CallPolicy.idempotent(SANDBOX_MANAGER_IDEMPOTENT, CallPolicy.TIMEOUT_MILLIS);

    @Produces
    @Identifier(EVENT_STORE_IDEMPOTENT)
    static final Guard EVENT_STORE_RETRIED =
            CallPolicy.idempotent(EVENT_STORE_IDEMPOTENT, CallPolicy.TIMEOUT_MILLIS);

    @Produces
    @Identifier(INTEGRATIONS)
    static final Guard INTEGRATIONS_ONCE = CallPolicy.once(INTEGRATIONS, CallPolicy.TIMEOUT_MILLIS);

    @Produces
    @Identifier(GIT_PROVIDER)
    static final Guard GIT_PROVIDER_ONCE = CallPolicy.once(GIT_PROVIDER, CallPolicy.GIT_PROVIDER_TIMEOUT_MILLIS);

    @Produces
    @Identifier(GIT_PROVIDER_IDEMPOTENT)
    static final Guard GIT_PROVIDER_RETRIED =
            CallPolicy.idempotent(GIT_PROVIDER_IDEMPOTENT, CallPolicy.GIT_PROVIDER_TIMEOUT_MILLIS);
}
