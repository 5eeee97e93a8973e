package io.paymenthub.fineract.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * An account's state for tests: balance, available (withdrawable) balance, amount on hold, every booking (oldest
 * first) and the active holds. Amounts carry the currency's decimal places.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountSnapshot(String tenantId, long id, String externalId, long clientId, String currency, BigDecimal balance,
        BigDecimal availableBalance, BigDecimal onHold, List<TransactionSnapshot> transactions, List<HoldSnapshot> holds) {}
