package io.paymenthub.flow.request;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.TransferJson;

/**
 * A request to pay as channels see it (the channel API's answers and the notifications): on the
 * payer's side with the transfer that pays it, whose state says whether the money moved.
 */
public final class RequestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestJson() {
    }

    public static ObjectNode of(TransactionRequest r, Optional<PayerTransfer> transfer) {
        ObjectNode json = JSON.createObjectNode();
        json.put("requestId", r.requestId());
        json.put("role", r.role().name());
        if (r.clientRef() != null) {
            json.put("clientRef", r.clientRef());
        }
        json.put("state", r.state().name());
        json.set("amount", TransferJson.money(r.amount(), r.currency()));
        json.put("scenario", r.scenario());
        if (r.note() != null) {
            json.put("note", r.note());
        }
        ObjectNode payer = TransferJson.party(r.payer());
        if (r.payerFsp() != null) {
            payer.put("fspId", r.payerFsp());
        }
        json.set("payer", payer);
        ObjectNode payee = TransferJson.party(r.payee());
        if (r.payeeFsp() != null) {
            payee.put("fspId", r.payeeFsp());
        }
        if (r.payeeName() != null) {
            payee.put("name", r.payeeName());
        }
        payee.put("type", r.initiatorType());
        json.set("payee", payee);
        if (r.amountReceived() != null) {
            json.set("amountReceived", TransferJson.money(r.amountReceived(), r.currency()));
        }
        if (r.transferId() != null) {
            json.put("transferId", r.transferId());
        }
        transfer.ifPresent(t -> json.set("transfer", TransferJson.of(t)));
        if (r.failureCode() != null || r.failureReason() != null) {
            ObjectNode failure = json.putObject("failure");
            failure.put("code", r.failureCode());
            failure.put("reason", r.failureReason());
        }
        json.put("expiresAt", r.expiresAt().toString());
        json.put("createdAt", r.createdAt().toString());
        json.put("updatedAt", r.updatedAt().toString());
        return json;
    }
}
