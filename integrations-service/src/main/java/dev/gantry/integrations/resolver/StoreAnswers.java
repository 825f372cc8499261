package dev.gantry.integrations.resolver;

import dev.gantry.contracts.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;

/** Waits for conversation-service and passes its refusals (4xx problems) on to the caller as they are. */
final class StoreAnswers {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private StoreAnswers() {
    }

    static <T> T await(Uni<T> call) {
        try {
            return call.await().atMost(TIMEOUT);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                Problem problem = null;
                try {
                    problem = e.getResponse().readEntity(Problem.class);
                } catch (RuntimeException unreadable) {
                    // not a problem body: describe the status
                }
                throw new ResolverRequestException(problem != null && problem.status() == status ? problem
                        : Problem.of(status == 404 ? "not-found" : "validation", "Refused", status,
                                "conversation-service answered " + status));
            }
            throw e;
        }
    }

    static boolean notFound(ResolverRequestException e) {
        return e.problem().status() == 404;
    }
}
