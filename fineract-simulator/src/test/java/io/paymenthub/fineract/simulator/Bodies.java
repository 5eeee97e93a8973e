package io.paymenthub.fineract.simulator;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.Json;
import java.math.BigDecimal;

/** Interop request bodies as the hub sends them; amounts are given as text to keep their exact digits. */
final class Bodies {

    static final String PAYER = "payer-20261128025457934";
    static final String PAYEE = "payee-20261128025457934";
    static final String PAYEE2 = "payee2-20261128025457934";
    static final String TZS = "TZS";

    private Bodies() {
    }

    static ObjectNode money(String amount, String currency) {
        ObjectNode money = Json.object();
        money.set("amount", DecimalNode.valueOf(new BigDecimal(amount)));
        money.put("currency", currency);
        return money;
    }

    static ObjectNode transactionType() {
        ObjectNode type = Json.object();
        type.put("scenario", "TRANSFER");
        type.put("initiator", "PAYER");
        type.put("initiatorType", "CONSUMER");
        return type;
    }

    static ObjectNode request(String accountId, String amount, String currency, String role) {
        ObjectNode body = Json.object();
        body.put("transactionCode", "tx-1");
        body.put("requestCode", "rq-1");
        body.put("accountId", accountId);
        body.set("amount", money(amount, currency));
        body.set("transactionType", transactionType());
        body.put("transactionRole", role);
        return body;
    }

    static ObjectNode quote(String accountId, String amount, String currency, String role) {
        ObjectNode body = Json.object();
        body.put("transactionCode", "tx-1");
        body.put("quoteCode", "q-1");
        body.put("accountId", accountId);
        body.set("amount", money(amount, currency));
        body.set("transactionType", transactionType());
        body.put("transactionRole", role);
        body.put("amountType", "PAYER".equals(role) ? "SEND" : "RECEIVE");
        return body;
    }

    /** A transfer body; fee may be null (then no fspFee member). */
    static ObjectNode transfer(String transferCode, String accountId, String amount, String currency, String role, String fee) {
        ObjectNode body = Json.object();
        body.put("transferCode", transferCode);
        body.put("transactionCode", "tx-1");
        body.put("accountId", accountId);
        body.set("amount", money(amount, currency));
        body.set("transactionType", transactionType());
        body.put("transactionRole", role);
        if (fee != null) {
            body.set("fspFee", money(fee, currency));
        }
        return body;
    }

    static ObjectNode payerTransfer(String transferCode, String amount, String fee) {
        return transfer(transferCode, PAYER, amount, TZS, "PAYER", fee);
    }

    static ObjectNode payeeTransfer(String transferCode, String accountId, String amount) {
        return transfer(transferCode, accountId, amount, TZS, "PAYEE", null);
    }

    static ObjectNode party(String accountId) {
        ObjectNode body = Json.object();
        body.put("accountId", accountId);
        return body;
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
