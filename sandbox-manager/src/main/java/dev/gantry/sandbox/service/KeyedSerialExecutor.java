package dev.gantry.sandbox.service;

import dev.gantry.platform.logging.LogContext;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs tasks one at a time per key, in submission order, and tasks of different keys in parallel:
 * every change of one sandbox (Kafka command, REST call, launch, reaper) is serialised without
 * holding a thread while it waits its turn. A task logs under its sandbox's id.
 */
final class KeyedSerialExecutor {

    private final Executor executor;
    private final ConcurrentMap<UUID, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    KeyedSerialExecutor(Executor executor) {
        this.executor = executor;
    }

    <T> CompletableFuture<T> submit(UUID key, Supplier<T> task) {
        CompletableFuture<T> next = new CompletableFuture<>();
        CompletableFuture<?> previous = tails.put(key, next);
        CompletableFuture<?> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
        after.whenCompleteAsync((ignoredResult, ignoredFailure) -> {
            LogContext.sandbox(key);
            try {
                next.complete(task.get());
            } catch (RuntimeException | Error e) {
                next.completeExceptionally(e);
            } finally {
                tails.remove(key, next);
                LogContext.clear();
            }
        }, executor);
        return next;
    }
}
