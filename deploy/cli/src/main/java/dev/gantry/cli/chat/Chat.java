package dev.gantry.cli.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ApiException;
import dev.gantry.cli.ConversationStarter;
import dev.gantry.cli.GantryApi;
import dev.gantry.cli.conversations.ConversationDetails;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One {@code gantry chat}: the conversation's events printed as they come (a thread of their own) while
 * typed lines are read (another); the main loop takes both in turn and acts on them.
 */
final class Chat implements EventFollower.Listener {

    private final GantryApi gantry;
    private final ConversationStarter starter;
    private final PrintStream out;
    private final PrintStream err;
    private final int history;
    private final BlockingQueue<ChatSignal> signals = new LinkedBlockingQueue<>();
    private String conversationId;
    private ChatSession session;
    private EventFollower follower;

    Chat(GantryApi gantry, ConversationStarter starter, PrintStream out, PrintStream err, int history) {
        this.gantry = gantry;
        this.starter = starter;
        this.out = out;
        this.err = err;
        this.history = history;
    }

    /** Chats until the user leaves; answers the exit code. {@code conversation} is null for one not started yet. */
    int run(JsonNode conversation, InputStream in, Interrupts interrupts) throws InterruptedException {
        interrupts.onInterrupt(() -> signals.add(new ChatSignal.Interrupted()));
        readLines(in);
        if (conversation == null) {
            out.println("new conversation: type the task (/help lists the commands)");
        } else {
            open(conversation);
        }
        try {
            while (true) {
                switch (signals.take()) {
                    case ChatSignal.Line line -> {
                        if (!handle(UserInput.parse(line.text(), session != null && session.awaitingAnswer()))) {
                            return leave(ChatCommand.LEFT);
                        }
                    }
                    case ChatSignal.EndOfInput ignored -> {
                        return leave(ChatCommand.LEFT);
                    }
                    case ChatSignal.Interrupted ignored -> {
                        out.println();
                        return leave(ChatCommand.INTERRUPTED);
                    }
                    case ChatSignal.StreamFailed failed -> {
                        err.println("gantry chat: " + failed.failure().getMessage());
                        return leave(ChatCommand.FAILED);
                    }
                }
            }
        } finally {
            if (follower != null) {
                follower.close();
            }
        }
    }

    private void open(JsonNode conversation) {
        conversationId = conversation.path("id").asText();
        long lastSeq = conversation.path("lastSeq").asLong();
        ExecutionStatus status = statusOf(conversation.path("status").asText());
        out.println("conversation " + conversationId + " (" + ChatSession.name(status) + ")"
                + " - type a message, /help lists the commands");
        session = new ChatSession(out, status, lastSeq);
        long after = Math.max(0, lastSeq - history);
        if (after == lastSeq) {
            session.caughtUp();
        }
        follower = new EventFollower(gantry, conversationId, after, this).start();
    }

    /** Acts on one typed line; false when the user leaves. */
    private boolean handle(UserInput input) {
        try {
            switch (input) {
                case UserInput.Blank ignored -> {
                }
                case UserInput.Invalid invalid -> err.println(invalid.reason());
                case UserInput.Message message -> send(message.text());
                case UserInput.Answer answer -> {
                    gantry.confirm(conversationId, answer.accept(), answer.reason());
                    session.answerSent();
                    session.notice(answer.accept() ? "(allowed)" : "(refused)");
                }
                case UserInput.Command command -> {
                    return command(command.kind());
                }
            }
        } catch (ApiException e) {
            err.println("gantry chat: " + e.getMessage());
        }
        return true;
    }

    private void send(String text) throws ApiException {
        if (conversationId == null) {
            open(starter.start(text));
        } else {
            gantry.sendMessage(conversationId, text);
        }
    }

    private boolean command(UserInput.Kind kind) throws ApiException {
        if (kind == UserInput.Kind.QUIT) {
            return false;
        }
        if (kind == UserInput.Kind.HELP) {
            out.println(UserInput.help());
            return true;
        }
        if (conversationId == null) {
            err.println("no conversation yet: type the task first");
            return true;
        }
        switch (kind) {
            case STATUS -> session.notice(ConversationDetails.summary(gantry.conversation(conversationId)));
            case PAUSE, RESUME, STOP -> {
                gantry.act(conversationId, kind.name().toLowerCase(Locale.ROOT));
                session.notice("(" + kind.name().toLowerCase(Locale.ROOT) + " requested)");
            }
            default -> throw new IllegalStateException("handled above: " + kind);
        }
        return true;
    }

    private int leave(int exitCode) {
        if (follower != null) {
            follower.close();
        }
        if (conversationId != null && exitCode != ChatCommand.FAILED) {
            out.println("left the chat; the conversation goes on. Back to it with: gantry chat " + conversationId);
        }
        out.flush();
        return exitCode;
    }

    /** Reads typed lines on a daemon thread, so the loop can also wait for the stream and Ctrl-C. */
    private void readLines(InputStream in) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    signals.add(new ChatSignal.Line(line));
                }
            } catch (IOException e) {
                err.println("gantry chat: cannot read the keyboard: " + e.getMessage());
            }
            signals.add(new ChatSignal.EndOfInput());
        }, "gantry-chat-input");
        reader.setDaemon(true);
        reader.start();
    }

    private static ExecutionStatus statusOf(String name) {
        try {
            return ExecutionStatus.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    @Override
    public void event(ConversationEvent event) {
        session.accept(event);
    }

    @Override
    public void notice(String text) {
        session.notice(text);
    }

    @Override
    public void failed(ApiException failure) {
        signals.add(new ChatSignal.StreamFailed(failure));
    }
}
