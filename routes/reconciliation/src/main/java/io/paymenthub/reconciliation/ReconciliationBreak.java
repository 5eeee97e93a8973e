package io.paymenthub.reconciliation;

import java.math.BigDecimal;

/**
 * One disagreement between the hub's journal and core banking or the switch.
 *
 * @param transferId   the transfer (the receipt number core banking booked it with), or the
 *                     settlement window ("window 12") a break of the switch's side is about
 * @param accountId    the account concerned, or null
 * @param hubAmount    what the hub's journal says, or null
 * @param bookedAmount what core banking booked, or what the switch settles; null when nothing
 * @param detail       what was found, in a sentence
 */
public record ReconciliationBreak(BreakClass breakClass, String transferId, String accountId, BigDecimal hubAmount,
                                  BigDecimal bookedAmount, String currency, String detail) {

    public String action() {
        return breakClass.action();
    }
}
