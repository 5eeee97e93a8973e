package io.paymenthub.core.account;

import java.math.BigDecimal;

/**
 * An account and the customer who holds it.
 *
 * @param status the system's account status, e.g. ACTIVE
 * @param displayName the holder's name; null (with the first and last name) when read by {@link AccountSystem#account}
 */
public record AccountHolder(String accountId, String currency, String status, BigDecimal availableBalance,
                            String displayName, String firstName, String lastName) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
