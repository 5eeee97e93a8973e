package io.paymenthub.core.settlement;

import java.time.Instant;

/**
 * A settlement window of the switch: the transfers it committed between {@code openedAt} and
 * {@code closedAt} are settled together.
 *
 * @param state the switch's state of the window: CLOSED, PENDING_SETTLEMENT, SETTLED or ABORTED
 */
public record SettlementWindow(long id, String state, Instant openedAt, Instant closedAt) {
}
