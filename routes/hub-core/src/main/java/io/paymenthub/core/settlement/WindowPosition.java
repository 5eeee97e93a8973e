package io.paymenthub.core.settlement;

import java.math.BigDecimal;

/**
 * A participant's net settlement amount in one currency for one window, as the switch's
 * settlement of the window states it.
 *
 * @param netAmount       what the participant pays at settlement (positive) or receives
 *                        (negative): the switch's sign, the payer's side of its transfers counted positive
 * @param settlementState the settlement's state: PENDING_SETTLEMENT ... SETTLED, or ABORTED
 */
public record WindowPosition(long windowId, long settlementId, String settlementState, String currency, BigDecimal netAmount) {

    /** Whether the money has moved at the settlement bank: the position may be booked. */
    public boolean settled() {
        return "SETTLED".equals(settlementState);
    }
}
