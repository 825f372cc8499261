package dev.gantry.gateway.rest;

/** The paging bounds of every listing (INTERNAL-API.md: limit 1..100, default 100). */
final class PageParams {

    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 100;

    private PageParams() {
    }
}
