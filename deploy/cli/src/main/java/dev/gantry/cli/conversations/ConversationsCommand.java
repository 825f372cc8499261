package dev.gantry.cli.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.ApiException;
import dev.gantry.cli.ApiOptions;
import dev.gantry.cli.GantryApi;
import dev.gantry.cli.TokenSource;
import dev.gantry.cli.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantry conversations}: the user's conversations as a table (newest first, searched by title, paged),
 * {@code show ID} one of them in full, {@code delete ID} deletes one after asking.
 */
@Command(name = "conversations", mixinStandardHelpOptions = true,
        description = "List your conversations, newest first (gantry conversations show ID / delete ID for one).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the API refused or failed, or a deletion was not confirmed",
                "2:a bad command line"})
public class ConversationsCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    @Mixin
    ListOptions listing;

    @Mixin
    ApiOptions api;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final TokenSource tokens;
    private final ZoneId zone;

    public ConversationsCommand(InputStream in, PrintStream out, PrintStream err, TokenSource tokens, ZoneId zone) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.tokens = tokens;
        this.zone = zone;
    }

    @Override
    public Integer call() {
        return list(listing, api);
    }

    /** {@code gantry conversations list}: the same as {@code gantry conversations}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your conversations, newest first.")
    int listCommand(@Mixin ListOptions options, @Mixin ApiOptions apiOptions) {
        return list(options, apiOptions);
    }

    private int list(ListOptions options, ApiOptions apiOptions) {
        try {
            options.check();
            GantryApi gantry = apiOptions.connect(tokens);
            String pageId = options.page;
            boolean first = true;
            do {
                JsonNode answer = gantry.listConversations(options.search(), options.status(), options.limit, pageId);
                String table = ConversationTable.render(answer.path("items"), zone);
                out.print(first ? table : table.substring(table.indexOf('\n') + 1));
                first = false;
                pageId = answer.path("nextPageId").isTextual() ? answer.path("nextPageId").asText() : null;
            } while (options.all && pageId != null);
            if (pageId != null) {
                out.println("more: " + options.next(pageId));
            }
            return DONE;
        } catch (UsageException e) {
            err.println("gantry conversations: " + e.getMessage());
            return USAGE;
        } catch (ApiException e) {
            err.println("gantry conversations: " + e.getMessage());
            return FAILED;
        }
    }

    /** {@code gantry conversations show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One conversation in full: status, repository, model, times, tokens, cost and pull requests.")
    int show(@Parameters(paramLabel = "ID", description = "The conversation's id.") String typed,
            @Mixin ApiOptions options) {
        try {
            String id = ConversationId.check(typed);
            try {
                out.print(ConversationDetails.render(options.connect(tokens).conversation(id), zone));
            } catch (ApiException e) {
                throw ConversationId.explain(e, id);
            }
            return DONE;
        } catch (UsageException e) {
            err.println("gantry conversations show: " + e.getMessage());
            return USAGE;
        } catch (ApiException e) {
            err.println("gantry conversations show: " + e.getMessage());
            return FAILED;
        }
    }

    /** {@code gantry conversations delete ID [--yes]}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a conversation: its agent is stopped, its sandbox and events deleted. Asks first.")
    int delete(@Parameters(paramLabel = "ID", description = "The conversation's id.") String typed,
            @Option(names = {"-y", "--yes"}, description = "Do not ask.") boolean yes,
            @Mixin ApiOptions options) {
        try {
            String id = ConversationId.check(typed);
            try {
                GantryApi gantry = options.connect(tokens);
                JsonNode conversation = gantry.conversation(id);
                if (!yes && !confirmed(conversation)) {
                    err.println("not deleted (answer y, or pass --yes)");
                    return FAILED;
                }
                gantry.deleteConversation(id);
            } catch (ApiException e) {
                throw ConversationId.explain(e, id);
            }
            out.println("deleted " + id);
            return DONE;
        } catch (UsageException e) {
            err.println("gantry conversations delete: " + e.getMessage());
            return USAGE;
        } catch (ApiException e) {
            err.println("gantry conversations delete: " + e.getMessage());
            return FAILED;
        }
    }

    private boolean confirmed(JsonNode conversation) {
        String title = conversation.path("title").asText("");
        out.print("delete conversation " + conversation.path("id").asText() + " ("
                + (title.isBlank() ? "untitled" : dev.gantry.cli.TerminalText.oneLine(title, 60)) + ", "
                + conversation.path("status").asText() + ")? Its sandbox and events go too. [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
