package dev.gantry.sandbox.rest;

import java.util.List;

/** One page of a list: {@code nextPageId} is null on the last one. */
public record Page<T>(List<T> items, String nextPageId) {
}
