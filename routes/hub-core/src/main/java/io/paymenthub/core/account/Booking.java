package io.paymenthub.core.account;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One booking on an account, as the core-banking system lists it.
 *
 * @param kind           what it is (DEPOSIT, WITHDRAWAL, WITHDRAWAL_FEE, HOLD, HOLD_RELEASE, OTHER)
 * @param receiptNumber  the transferCode the hub booked it with, or null
 * @param released       for a HOLD: whether it has been released since
 */
public record Booking(long id, Kind kind, BigDecimal amount, String currency, LocalDate date, String receiptNumber,
                      boolean reversed, boolean released) {

    public enum Kind { DEPOSIT, WITHDRAWAL, WITHDRAWAL_FEE, HOLD, HOLD_RELEASE, OTHER }
}
