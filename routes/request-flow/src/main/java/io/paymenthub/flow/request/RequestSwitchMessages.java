package io.paymenthub.flow.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.step.Emit;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopAmount;
import io.paymenthub.fspiop.FspiopDateTime;

/**
 * The FSPIOP messages of requests to pay, built from the journal alone, so that one sent again
 * after a restart is the same. A refusal after RECEIVED is a second {@code PUT} with state
 * REJECTED; since that body has no reason member, the FSPIOP error code and description go in its
 * extension list ({@value #CODE_KEY}, {@value #DESCRIPTION_KEY}).
 */
final class RequestSwitchMessages {

    static final String RESOURCE = "transactionRequests";
    static final String CODE_KEY = "errorCode";
    static final String DESCRIPTION_KEY = "errorDescription";

    private static final ObjectMapper JSON = new ObjectMapper();
    private RequestSwitchMessages() {
    }

    /** Payee side: where the payer's account is held. */
    static Emit lookupPayer(TransactionRequest r) {
        PartyId payer = r.payer();
        String path = "/parties/" + payer.type() + "/" + payer.value() + (payer.subIdOrType() == null ? "" : "/" + payer.subIdOrType());
        return OutboundMessage.request(r.tenant(), "GET", path, "parties", null, RequestMessages.REPLIES, r.requestId(), null);
    }

    /** Payee side: the request to pay, to the payer's FSP. */
    static Emit transactionRequest(TransactionRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.put("transactionRequestId", r.requestId());
        ObjectNode payee = body.putObject("payee");
        payee.set("partyIdInfo", partyIdInfo(r.payee(), r.payeeFsp()));
        if (r.payeeName() != null) {
            payee.put("name", r.payeeName());
        }
        body.set("payer", partyIdInfo(r.payer(), r.payerFsp()));
        ObjectNode amount = body.putObject("amount");
        amount.put("amount", FspiopAmount.normalise(r.amount()));
        amount.put("currency", r.currency());
        ObjectNode type = body.putObject("transactionType");
        type.put("scenario", r.scenario());
        type.put("initiator", "PAYEE");
        type.put("initiatorType", r.initiatorType());
        if (r.note() != null) {
            body.put("note", r.note());
        }
        body.put("expiration", FspiopDateTime.format(r.expiresAt()));
        return OutboundMessage.request(r.tenant(), "POST", "/" + RESOURCE, RESOURCE, r.payerFsp(), RequestMessages.REPLIES, r.requestId(),
                body.toString());
    }

    /** Payer side: the request reached the payer, who is asked. */
    static Emit received(TransactionRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.put("transactionRequestState", "RECEIVED");
        return answer(r, "/" + RESOURCE + "/" + r.requestId(), body);
    }

    /** Payer side: the request is refused, with the reason in the extension list. */
    static Emit rejected(TransactionRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.put("transactionRequestState", "REJECTED");
        ArrayNode extensions = body.putObject("extensionList").putArray("extension");
        extensions.addObject().put("key", CODE_KEY).put("value", r.failureCode());
        String reason = r.failureReason() == null ? "Rejected" : r.failureReason();
        extensions.addObject().put("key", DESCRIPTION_KEY).put("value", reason.length() > 128 ? reason.substring(0, 128) : reason);
        return answer(r, "/" + RESOURCE + "/" + r.requestId(), body);
    }

    /** Payer side: a request that cannot be put to the payer at all (unknown payer, wrong currency...). */
    static Emit error(String tenant, String requestId, String destination, String version, ErrorInformation error) {
        return OutboundMessage.answer(tenant, "/" + RESOURCE + "/" + requestId + "/error", RESOURCE, destination, version, requestId, error.toJson());
    }


    private static Emit answer(TransactionRequest r, String path, ObjectNode body) {
        return OutboundMessage.answer(r.tenant(), path, RESOURCE, r.payeeFsp(), r.fspiopVersion(), r.requestId(), body.toString());
    }

    private static ObjectNode partyIdInfo(PartyId party, String fspId) {
        ObjectNode info = JSON.createObjectNode();
        info.put("partyIdType", party.type());
        info.put("partyIdentifier", party.value());
        if (party.subIdOrType() != null) {
            info.put("partySubIdOrType", party.subIdOrType());
        }
        if (fspId != null) {
            info.put("fspId", fspId);
        }
        return info;
    }
}
