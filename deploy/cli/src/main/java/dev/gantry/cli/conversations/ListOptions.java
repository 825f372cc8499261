package dev.gantry.cli.conversations;

import dev.gantry.cli.UsageException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How {@code gantry conversations} narrows and pages its list. */
public final class ListOptions {

    static final List<String> STATUSES = List.of("idle", "queued", "running", "paused", "waiting_for_confirmation", "finished",
            "error", "stuck", "stopped");

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT", description = "Only those whose title contains TEXT.")
    String search;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only those in this status: idle, queued, running,"
            + " paused, waiting_for_confirmation, finished, error, stuck or stopped.")
    String status;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many to a page, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int limit = 20;

    @Option(names = "--page", paramLabel = "PAGE_ID", description = "The page after the one that printed this id.")
    String page;

    @Option(names = "--all", description = "Every page, one after the other.")
    boolean all;

    /** Refuses options the API would, with what to type instead. */
    void check() throws UsageException {
        if (limit < 1 || limit > 100) {
            throw new UsageException("--limit must be from 1 to 100, not " + limit);
        }
        if (status != null && !STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            throw new UsageException("--status must be one of " + String.join(", ", STATUSES) + ", not '" + status + "'");
        }
        if (all && page != null) {
            throw new UsageException("--all lists from the first page: give it without --page");
        }
    }

    String search() {
        return search == null || search.isBlank() ? null : search;
    }

    String status() {
        return status == null ? null : status.toLowerCase(Locale.ROOT);
    }

    /** The command that prints the page after this one. */
    String next(String pageId) {
        return "gantry conversations --page " + pageId
                + (search() == null ? "" : " --search '" + search.replace("'", "'\\''") + "'")
                + (status == null ? "" : " --status " + status()) + (limit == 20 ? "" : " --limit " + limit);
    }
}
