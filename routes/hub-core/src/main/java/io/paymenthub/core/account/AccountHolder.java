package io.paymenthub.core.account;

import java.math.BigDecimal;

/**
 * An account and the customer who holds it.
 *
 * @param status the system's account status, e.g. ACTIVE
 */
public record AccountHolder(String accountId, String currency, String status, BigDecimal availableBalance,
                            String displayName, String firstName, String lastName) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
