package dev.gantry.conversation.service;

import dev.gantry.platform.net.AddressPolicy;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A settings {@code baseUrl} is saved only if the agent-worker may call it: http or https, no
 * {@code user:password@}, and a host that resolves to addresses the outbound policy accepts (public ones,
 * unless {@code gantry.outbound.allow-private-addresses}; cloud metadata never). A host that does not
 * resolve yet is accepted: the worker checks again at each call.
 */
@ApplicationScoped
class LlmEndpointCheck {

    private final AddressPolicy policy;

    LlmEndpointCheck(AddressPolicy policy) {
        this.policy = policy;
    }

    /** Fails with a 400 problem naming {@code field} and the reason when the URL is refused. */
    Uni<Void> require(String field, String url) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        // the DNS lookup blocks: off the event loop, and back on the caller's context for its reactive session
        Context caller = Vertx.currentContext();
        Uni<Optional<String>> refusal = Uni.createFrom().item(() -> policy.refusalToSave(url))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        if (caller != null) {
            refusal = refusal.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return refusal.flatMap(reason -> reason.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.invalid(field, reason.get())));
    }
}
