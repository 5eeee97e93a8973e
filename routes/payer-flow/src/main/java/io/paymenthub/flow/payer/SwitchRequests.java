package io.paymenthub.flow.payer;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.step.Emit;
import io.paymenthub.fspiop.FspiopAmount;
import io.paymenthub.fspiop.FspiopDateTime;

/**
 * The payer flow's FSPIOP requests, built from the journal alone: a request sent again after a
 * restart is the same request, byte for byte, so the switch and the payee FSP treat it as a resend.
 */
final class SwitchRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SwitchRequests() {
    }

    static Emit lookup(PayerTransfer t) {
        return PayerMessages.toSwitch(t, "GET", partyPath(t.payee()), "parties", null, null);
    }

    static Emit quote(PayerTransfer t) {
        ObjectNode quote = quoteOf(t);
        quote.putObject("payer").set("partyIdInfo", partyIdInfo(t.payer(), t.payerFsp()));
        if (t.transactionRequestId() != null) {
            quote.put("transactionRequestId", t.transactionRequestId());
        }
        return PayerMessages.toSwitch(t, "POST", "/quotes", "quotes", t.payeeFsp(), quote.toString());
    }

    /** What a quote asks of the payee FSP, alone or as an individual quote of a bulk quote. */
    private static ObjectNode quoteOf(PayerTransfer t) {
        ObjectNode quote = JSON.createObjectNode();
        quote.put("quoteId", t.quoteId());
        quote.put("transactionId", t.transactionId());
        quote.putObject("payee").set("partyIdInfo", partyIdInfo(t.payee(), t.payeeFsp()));
        // The channel's amount is what the payee receives; the payee FSP's fee comes on top.
        quote.put("amountType", "RECEIVE");
        quote.set("amount", money(t.amount(), t.currency()));
        ObjectNode type = quote.putObject("transactionType");
        type.put("scenario", t.transactionType().scenario());
        type.put("initiator", t.transactionType().initiator());
        type.put("initiatorType", t.transactionType().initiatorType());
        if (t.note() != null) {
            quote.put("note", t.note());
        }
        return quote;
    }

    /**
     * The group's {@code POST /bulkQuotes}: each member's quote as {@link #quote} would ask it, under
     * the batch's one payer.
     */
    static Emit bulkQuote(BulkGroup group, List<PayerTransfer> members) {
        ObjectNode bulk = JSON.createObjectNode();
        bulk.put("bulkQuoteId", group.bulkQuoteId());
        PayerTransfer first = members.get(0);
        bulk.putObject("payer").set("partyIdInfo", partyIdInfo(first.payer(), first.payerFsp()));
        ArrayNode quotes = bulk.putArray("individualQuotes");
        for (PayerTransfer t : members) {
            quotes.add(quoteOf(t));
        }
        return PayerMessages.toSwitch(group, "POST", "/bulkQuotes", "bulkQuotes", bulk.toString());
    }

    /** The group's {@code POST /bulkTransfers}: each member on hold, with the packet and condition of its own quote. */
    static Emit bulkTransfer(BulkGroup group, List<PayerTransfer> members) {
        ObjectNode bulk = JSON.createObjectNode();
        bulk.put("bulkTransferId", group.bulkTransferId());
        bulk.put("bulkQuoteId", group.bulkQuoteId());
        bulk.put("payerFsp", members.get(0).payerFsp());
        bulk.put("payeeFsp", group.payeeFsp());
        ArrayNode transfers = bulk.putArray("individualTransfers");
        for (PayerTransfer t : members) {
            ObjectNode transfer = transfers.addObject();
            transfer.put("transferId", t.transferId());
            transfer.set("transferAmount", money(t.transferAmount(), t.currency()));
            transfer.put("ilpPacket", t.ilpPacket());
            transfer.put("condition", t.condition());
        }
        bulk.put("expiration", FspiopDateTime.format(group.expiresAt()));
        return PayerMessages.toSwitch(group, "POST", "/bulkTransfers", "bulkTransfers", bulk.toString());
    }

    static Emit bulkTransferStatus(BulkGroup group) {
        return PayerMessages.toSwitch(group, "GET", "/bulkTransfers/" + group.bulkTransferId(), "bulkTransfers", null);
    }

    static Emit transfer(PayerTransfer t) {
        ObjectNode transfer = JSON.createObjectNode();
        transfer.put("transferId", t.transferId());
        transfer.put("payeeFsp", t.payeeFsp());
        transfer.put("payerFsp", t.payerFsp());
        transfer.set("amount", money(t.transferAmount(), t.currency()));
        transfer.put("ilpPacket", t.ilpPacket());
        transfer.put("condition", t.condition());
        transfer.put("expiration", FspiopDateTime.format(t.expiresAt()));
        return PayerMessages.toSwitch(t, "POST", "/transfers", "transfers", t.payeeFsp(), transfer.toString());
    }

    static Emit transferStatus(PayerTransfer t) {
        return PayerMessages.toSwitch(t, "GET", "/transfers/" + t.transferId(), "transfers", t.payeeFsp(), null);
    }

    private static String partyPath(PartyId party) {
        return "/parties/" + party.type() + "/" + party.value() + (party.subIdOrType() == null ? "" : "/" + party.subIdOrType());
    }

    private static ObjectNode partyIdInfo(PartyId party, String fspId) {
        ObjectNode info = JSON.createObjectNode();
        info.put("partyIdType", party.type());
        info.put("partyIdentifier", party.value());
        if (fspId != null) {
            info.put("fspId", fspId);
        }
        return info;
    }

    private static ObjectNode money(BigDecimal amount, String currency) {
        ObjectNode node = JSON.createObjectNode();
        node.put("amount", FspiopAmount.normalise(amount));
        node.put("currency", currency);
        return node;
    }
}
