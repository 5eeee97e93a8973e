package io.paymenthub.fineract.simulator.http;

import java.time.Duration;

/**
 * How long each Fineract request waits before it is handled: a core banking across a network, with
 * its own database time, as a hub meets it in service (the simulator answers from memory in about a
 * millisecond). Zero unless a load run sets it; the admin requests never wait.
 */
public final class AnswerDelay {

    private volatile Duration delay = Duration.ZERO;

    public Duration get() {
        return delay;
    }

    public void set(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A delay cannot be negative: " + delay);
        }
        this.delay = delay;
    }

    /** Waits the delay on the request's own worker thread, as a remote call holds its caller. */
    void await() {
        Duration wait = delay;
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
