package dev.gantry.integrations.git;

import java.util.List;

/** A page of Gantry's API: the items and the id of the next page, or null on the last. */
public record GitPage<T>(List<T> items, String nextPageId) {
}
