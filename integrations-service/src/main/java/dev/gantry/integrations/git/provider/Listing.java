package dev.gantry.integrations.git.provider;

import java.util.List;

/** One page of a provider's answer and the URL of its next page, or null on the last. */
public record Listing<T>(List<T> items, String nextUrl) {
}
