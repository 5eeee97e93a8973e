package io.paymenthub.core.step;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a flow waits for the answer to a request that moves no money (a party lookup, a quote, a
 * request to pay), and how often it sends the same request again meanwhile. A request can be lost
 * on its way without anyone saying so: a connection closed under it, a peer restarted before it
 * stored it. The same request with the same id is a resend to every FSPIOP receiver (answered again,
 * or ignored while in progress), so asking again costs nothing and saves the payment; the wait is
 * given up only when every attempt went unanswered.
 *
 * <p>The record's {@code attempts} column counts the resends of the request it waits for.
 *
 * @param total   how long the answer is waited for in all
 * @param resends how many times the request is sent again within {@code total}, at even intervals
 */
public record AnswerWait(Duration total, int resends) {

    public AnswerWait {
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("A wait must be longer than zero, not " + total);
        }
        if (resends < 0) {
            throw new IllegalArgumentException("Resends cannot be negative: " + resends);
        }
    }

    /** How long one attempt waits before the request is sent again, or the wait given up. */
    public Duration perAttempt() {
        return total.dividedBy(resends + 1L);
    }

    /** The deadline of an attempt sent at {@code now}. */
    public Instant deadline(Instant now) {
        return now.plus(perAttempt());
    }

    /** Whether the request may be sent again, having been sent again {@code resent} times already. */
    public boolean mayResend(int resent) {
        return resent < resends;
    }

    /**
     * The transition that records a resend: the same state, one resend more, the next attempt's
     * deadline, and a history line naming the request.
     */
    public <S extends Enum<S>> StateChange<S> resend(S state, String step, int resent, Instant now, String request) {
        return StateChange.to(state, step).set("attempts", resent + 1).deadline(deadline(now))
                .detail("no answer to " + request + " within " + seconds(perAttempt()) + " s: sent again (" + (resent + 1) + " of "
                        + resends + ")");
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
