package dev.gantry.worker.git;

import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.worker.client.ConversationServiceApi.GitCredentials;
import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.worker.sandbox.RuntimeClient;
import dev.gantry.worker.sandbox.RuntimeProblemException;
import dev.gantry.worker.sandbox.SandboxSession;

/**
 * Clones a conversation's repository into its workspace before the agent's first step, through the sandbox's
 * runtime (the real {@code git} in the sandbox): the requested branch or the default one, as the connected
 * identity. The answer is what to write: the event that says what was checked out, or why it could not be.
 */
public final class RepositoryCheckout {

    /** The outcome of a checkout. */
    public sealed interface Outcome {

        record Cloned(RepositoryClonedEvent event) implements Outcome {
        }

        /** @param reason for the user and the log: names the repository, never the token */
        record Failed(String reason) implements Outcome {
        }
    }

    private RepositoryCheckout() {
    }

    /** @param actionId the clone's id: a take-over that clones again before the outcome was written gets the first answer */
    public static Outcome run(RepositoryAccess access, SandboxSession session, WorkerConfig.Git config, String actionId)
            throws InterruptedException {
        GitCredentials credentials = access.credentials().orElse(null);
        if (credentials == null) {
            return new Outcome.Failed("cloning the repository failed: " + access.failure());
        }
        String what = credentials.host() + "/" + credentials.repository();
        try {
            RuntimeClient.CloneResult result = session.runtime().cloneRepository(new RuntimeClient.CloneRequest(
                    credentials.cloneUrl(), credentials.username(), credentials.token(), credentials.branch(),
                    config.cloneDepth(), (int) Math.max(1, config.cloneTimeout().toSeconds()),
                    credentials.identity().name(), credentials.identity().email()), actionId);
            return new Outcome.Cloned(new RepositoryClonedEvent(credentials.repository(), credentials.host(),
                    result.branch(), result.commit()));
        } catch (RuntimeProblemException e) {
            String detail = e.getMessage().lines().findFirst().orElse("the sandbox refused the clone");
            return new Outcome.Failed("cloning " + what + " failed: " + detail);
        }
    }
}
