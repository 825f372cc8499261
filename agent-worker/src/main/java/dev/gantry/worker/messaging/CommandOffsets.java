package dev.gantry.worker.messaging;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The command offsets of one partition that are taken but not yet settled. Commands of different
 * conversations settle out of order, so the offset that can be committed is the lowest one still
 * open: a crash re-delivers every command that was not settled, and none that was.
 */
final class CommandOffsets {

    private final TreeSet<Long> open = new TreeSet<>();
    private long next = -1;

    synchronized void received(long offset) {
        open.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void settled(long offset) {
        open.remove(offset);
    }

    /** The offset to commit: the next one to read for a new owner; empty when nothing was read. */
    synchronized OptionalLong committable() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(open.isEmpty() ? next : open.first());
    }
}
