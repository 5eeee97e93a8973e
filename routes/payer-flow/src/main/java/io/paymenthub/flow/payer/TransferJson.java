package io.paymenthub.flow.payer;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.fspiop.FspiopAmount;

/** A transfer as channels see it (the channel API's answers and the notifications). */
public final class TransferJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferJson() {
    }

    public static ObjectNode of(PayerTransfer t) {
        ObjectNode json = JSON.createObjectNode();
        json.put("transferId", t.transferId());
        if (t.clientRef() != null) {
            json.put("clientRef", t.clientRef());
        }
        json.put("state", t.state().name());
        json.set("amount", money(t.amount(), t.currency()));
        json.put("scenario", t.scenario());
        if (t.transactionRequestId() != null) {
            json.put("transactionRequestId", t.transactionRequestId());
        }
        if (t.batchId() != null) {
            json.put("batchId", t.batchId());
        }
        if (t.note() != null) {
            json.put("note", t.note());
        }
        json.set("payer", party(t.payer()));
        ObjectNode payee = party(t.payee());
        if (t.payeeFsp() != null) {
            payee.put("fspId", t.payeeFsp());
        }
        if (t.payeeName() != null) {
            payee.put("name", t.payeeName());
        }
        json.set("payee", payee);
        if (t.transferAmount() != null) {
            ObjectNode fees = json.putObject("fees");
            fees.set("payer", money(t.payerFee() == null ? BigDecimal.ZERO : t.payerFee(), t.currency()));
            fees.set("payee", money(t.payeeFee() == null ? BigDecimal.ZERO : t.payeeFee(), t.currency()));
            json.set("transferAmount", money(t.transferAmount(), t.currency()));
            json.set("payerDebit", money(t.payerDebit(), t.currency()));
        }
        if (t.failureCode() != null || t.failureReason() != null) {
            ObjectNode failure = json.putObject("failure");
            failure.put("code", t.failureCode());
            failure.put("reason", t.failureReason());
        }
        if (t.state() == TransferState.AWAITING_CONFIRMATION && t.expiresAt() != null) {
            json.put("confirmBefore", t.expiresAt().toString());
        }
        json.put("createdAt", t.createdAt().toString());
        json.put("updatedAt", t.updatedAt().toString());
        return json;
    }

    public static ObjectNode money(BigDecimal amount, String currency) {
        ObjectNode node = JSON.createObjectNode();
        node.put("amount", FspiopAmount.normalise(amount));
        node.put("currency", currency);
        return node;
    }

    public static ObjectNode party(PartyId party) {
        ObjectNode node = JSON.createObjectNode();
        node.put("idType", party.type());
        node.put("idValue", party.value());
        return node;
    }
}
