package io.paymenthub.core.settlement;

import java.time.Instant;
import java.util.List;

/**
 * The switch's settlement side, as its settlement API shows it to one participant: the windows
 * the switch's transfers were settled in, and the participant's net settlement amount in each.
 * Published by the Mojaloop connector; end-of-day reconciliation compares it with the hub's journal.
 */
public interface SwitchSettlements {

    /**
     * The participant's settlement windows that the switch closed between {@code from} (inclusive)
     * and {@code to} (exclusive), oldest first; windows still open are left out.
     *
     * @throws SwitchSettlementException when the switch cannot be asked or answers an error
     */
    List<SettlementWindow> closedWindows(String participantId, Instant from, Instant to);

    /**
     * The participant's net settlement amounts for the window, one per currency, from the
     * switch's settlement of it; empty while no settlement covers the window.
     *
     * @throws SwitchSettlementException when the switch cannot be asked or answers an error
     */
    List<WindowPosition> positions(String participantId, long windowId);
}
