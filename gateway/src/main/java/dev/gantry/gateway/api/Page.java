package dev.gantry.gateway.api;

import java.util.List;

/** One page of a listing; {@code nextPageId} is null on the last page and is passed back as {@code pageId}. */
public record Page<T>(List<T> items, String nextPageId) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
