package dev.gantry.worker.agent.sandbox;

import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.SandboxStatusUpdateEvent;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.sandbox.SandboxProvisioner;
import dev.gantry.worker.sandbox.RuntimeClient;
import dev.gantry.worker.sandbox.SandboxSession;
import dev.gantry.worker.sandbox.SandboxUnreachableException;
import dev.gantry.worker.secrets.SandboxSecrets;
import dev.gantry.worker.secrets.SecretMasker;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sandbox of one conversation, as its runner uses it: acquired on first use, resumed when it is found
 * paused (by the idle reaper, or a user), acquired again when a call finds it gone. Whoever follows the
 * conversation sees each resume as {@link SandboxStatusUpdateEvent}s. Used on the conversation's thread only.
 */
public final class ConversationSandbox {

    private static final String RESUMING = "the sandbox was paused: resuming it on the same workspace";
    private static final String RESUMED = "the sandbox runs again, its workspace as it was";

    /** A call on the sandbox: a tool run. */
    @FunctionalInterface
    public interface SandboxCall<T> {
        T run() throws InterruptedException;
    }

    private final UUID conversationId;
    private final UUID sandboxId;
    private final String ownerId;
    private final SandboxProvisioner provisioner;
    private final Supplier<SandboxSecrets> secretsSource;
    private final Consumer<List<NewEvent>> writer;
    private SandboxSecrets secrets;
    private RuntimePreparation preparation = runtime -> {
    };
    private SandboxSession session;
    /** A PAUSED update was written and its RUNNING one is still to come. */
    private boolean resuming;

    /**
     * @param secrets read once, when first needed: the secrets this conversation gives its sandbox
     * @param writer  writes events to the conversation's log (through the masker)
     */
    public ConversationSandbox(UUID conversationId, UUID sandboxId, String ownerId, SandboxProvisioner provisioner,
            Supplier<SandboxSecrets> secrets, Consumer<List<NewEvent>> writer) {
        this.conversationId = conversationId;
        this.sandboxId = sandboxId;
        this.ownerId = ownerId;
        this.provisioner = provisioner;
        this.secretsSource = secrets;
        this.writer = writer;
    }

    /** What a runtime newly in hand is given besides the secrets: a resumed runtime starts with nothing. */
    @FunctionalInterface
    public interface RuntimePreparation {
        void prepare(RuntimeClient runtime) throws InterruptedException;
    }

    /** Sets what each runtime newly in hand is given before any tool uses it (the repository's token). */
    public void onNewRuntime(RuntimePreparation preparation) {
        this.preparation = preparation;
    }

    /** What masks the values of the secrets given to the sandbox, in every event written. */
    public SecretMasker masker() {
        return secrets().masker();
    }

    private SandboxSecrets secrets() {
        if (secrets == null) {
            secrets = secretsSource.get();
        }
        return secrets;
    }

    /**
     * The running sandbox, acquired (and resumed) when there is none in hand; a runtime newly in hand gets the
     * conversation's secrets as its shell's variables before any tool uses it.
     */
    public SandboxSession session() throws InterruptedException {
        if (session == null) {
            SandboxSession acquired = provisioner.acquire(sandboxId, ownerId, conversationId, this::foundPaused);
            if (!secrets().variables().isEmpty()) {
                acquired.runtime().environment(secrets().variables());
            }
            preparation.prepare(acquired.runtime());
            session = acquired;
            if (resuming) {
                resuming = false;
                writer.accept(List.of(update(SandboxStatus.RUNNING, RESUMED)));
            }
        }
        return session;
    }

    /** Its sandbox was asked to pause: the next call acquires it again (and has it resumed). */
    public void released() {
        session = null;
    }

    /**
     * For a message or a resume that sets the agent going: a paused sandbox is asked to start at once, so it
     * starts while the LLM thinks.
     *
     * @return the update to write with the command's events, when it was paused
     */
    public Optional<NewEvent> wake() {
        if (resuming || !provisioner.resumeIfPaused(sandboxId)) {
            return Optional.empty();
        }
        session = null;
        resuming = true;
        return Optional.of(update(SandboxStatus.PAUSED, RESUMING));
    }

    /**
     * Runs the call; when it finds the sandbox gone before reaching it, the action did not run: the sandbox
     * is acquired again (resumed if paused) and the call runs once more.
     *
     * @throws SandboxUnreachableException when the sandbox went away while the call may have run, or again
     */
    public <T> T call(SandboxCall<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (SandboxUnreachableException gone) {
            session = null;
            if (gone.mayHaveRun()) {
                throw gone;
            }
            Log.infof("conversation %s: %s; getting it back to run the action again", conversationId,
                    gone.getMessage());
        }
        try {
            return call.run();
        } catch (SandboxUnreachableException goneAgain) {
            session = null;
            throw goneAgain;
        }
    }

    private void foundPaused(SandboxStatusChanged paused) {
        if (!resuming) {
            resuming = true;
            writer.accept(List.of(update(SandboxStatus.PAUSED, RESUMING)));
        }
    }

    private NewEvent update(SandboxStatus status, String detail) {
        return NewEvent.of(EventSource.SYSTEM, new SandboxStatusUpdateEvent(sandboxId, status, detail));
    }
}
