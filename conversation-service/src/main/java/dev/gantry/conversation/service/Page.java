package dev.gantry.conversation.service;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every internal API answers it.
 *
 * @param nextPageId where the next page starts, or null on the last page
 */
public record Page<T>(List<T> items, String nextPageId) {

    /** The paging bounds of docs/INTERNAL-API.md: {@code limit} is 1..100 and 100 when absent. */
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = MAX_LIMIT;

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page made from a query that fetched one row more than {@code limit}: that extra row only
     * says another page exists, and the cursor of the last row kept is where it starts.
     */
    public static <E, T> Page<T> of(List<E> fetched, int limit, Function<E, PageCursor> cursorOf, Function<E, T> view) {
        boolean more = fetched.size() > limit;
        List<E> kept = more ? fetched.subList(0, limit) : fetched;
        String next = more ? cursorOf.apply(kept.getLast()).encode() : null;
        return new Page<>(kept.stream().map(view).toList(), next);
    }
}
