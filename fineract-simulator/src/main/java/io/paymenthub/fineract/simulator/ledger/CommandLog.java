package io.paymenthub.fineract.simulator.ledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Fineract's command source table, reduced to what idempotency needs: the outcome of each command, keyed by
 * action, entity and Idempotency-Key. A repeated key replays the first outcome, success or error.
 *
 * @param <R> the recorded outcome
 */
public final class CommandLog<R> {

    /** What {@link #execute} found: a fresh outcome, a replayed one, or a command still running. */
    public record Outcome<R>(R result, boolean replayed, boolean stillRunning) {}

    private final ConcurrentMap<String, CompletableFuture<R>> outcomes = new ConcurrentHashMap<>();

    public Outcome<R> execute(String action, String entity, String idempotencyKey, Supplier<R> command) {
        String key = action + ' ' + entity + ' ' + idempotencyKey;
        CompletableFuture<R> mine = new CompletableFuture<>();
        CompletableFuture<R> first = outcomes.putIfAbsent(key, mine);
        if (first != null) {
            return first.isDone() ? new Outcome<>(first.join(), true, false) : new Outcome<>(null, false, true);
        }
        try {
            R result = command.get();
            mine.complete(result);
            return new Outcome<>(result, false, false);
        } catch (RuntimeException | Error e) {
            // The caller turns exceptions into outcomes first; anything else must not block the key forever.
            outcomes.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
