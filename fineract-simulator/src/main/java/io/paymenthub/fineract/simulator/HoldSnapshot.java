package io.paymenthub.fineract.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** An active hold: its account, its transaction, the transferCode it was placed for (null for savings holds). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldSnapshot(String accountExternalId, long transactionId, String transferCode, BigDecimal amount, String date,
        String reasonForBlock) {}
