package io.paymenthub.flow.payer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.Redelivery;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * Applies a callback of the switch ({@link PayerMessages#REPLIES}, correlated by transferId) to the
 * transfer waiting for it (a bulk quote's or bulk transfer's, from {@link PayerMessages#BULK_REPLIES}, to its
 * {@link BulkGroups} group): the payee's FSP and name, the quote's terms with the payer's fee from
 * core banking, the transfer's outcome. A callback for a transfer that no longer waits for it (a
 * duplicate, or one that came after the deadline) changes nothing.
 */
public class PayerReplyProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayerReplyProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PayerJournal journal;
    private final SwitchAnswers answers;
    private final BulkGroups bulkGroups;

    public PayerReplyProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayerTransferStore store,
                               BulkGroups bulkGroups) {
        this.journal = new PayerJournal(store);
        this.answers = new SwitchAnswers(tenants, accountSystems, journal);
        this.bulkGroups = bulkGroups;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        OutboundMessage.Reply reply = OutboundMessage.Reply.of(message);
        String transferId = reply.correlation();
        String resource = reply.resource();
        if ("bulkQuotes".equals(resource) || "bulkTransfers".equals(resource)) {
            // The correlation of a bulk message is its group.
            message.setBody(bulkGroups.onReply(exchange.getContext(), transferId, resource, reply.error(), reply.body(), reply.source(),
                    Redelivery.isRedelivered(message)));
            return;
        }
        Optional<PayerTransfer> found = transferId == null ? Optional.empty() : journal.store().find(transferId);
        if (found.isEmpty()) {
            LOG.warn("A {} callback for {}, which is not a transfer of this hub: dropped", resource, transferId);
            message.setBody(List.of());
            return;
        }
        PayerTransfer transfer = found.get();
        List<Emit> emits = switch (resource == null ? "" : resource) {
            case "parties" -> onParty(transfer, reply.error(), reply.body(), reply.source());
            case "quotes" -> onQuote(transfer, reply.error(), reply.body());
            case "transfers" -> onTransfer(transfer, reply.error(), reply.body(), message);
            default -> List.of();
        };
        if (emits.isEmpty() && Redelivery.isRedelivered(message)) {
            // Processed before the hub stopped, its sends rolled back: the final state's news goes out again.
            PayerTransfer now = journal.store().find(transferId).orElseThrow();
            if (now.state().isFinal()) {
                emits = PayerJournal.news(now);
            }
        }
        message.setBody(emits);
    }

    /**
     * The answer to one lookup serves every transfer of the tenant waiting for the same party. Only
     * the FSP that holds the party may say so: an answer naming another FSP than its sender is dropped.
     */
    private List<Emit> onParty(PayerTransfer transfer, boolean error, String body, String source) throws Exception {
        JsonNode party = error ? null : JSON.readTree(body).path("party");
        if (party != null) {
            String named = party.path("partyIdInfo").path("fspId").asText(null);
            if (named != null && !named.equals(source)) {
                LOG.error("PUT /parties for {} from {} names FSP {}: dropped, the lookup waits for its own answer",
                        transfer.payee(), source, named);
                return List.of();
            }
        }
        List<Emit> emits = new ArrayList<>();
        List<PayerTransfer> waiting = new ArrayList<>(List.of(transfer));
        for (PayerTransfer other : journal.store().waitingForParty(transfer.tenant(), transfer.payee())) {
            if (!other.transferId().equals(transfer.transferId())) {
                waiting.add(other);
            }
        }
        for (PayerTransfer t : waiting) {
            if (t.state() != TransferState.LOOKUP_SENT) {
                continue;
            }
            if (error) {
                ErrorInformation info = SwitchAnswers.errorOf(body);
                emits.addAll(journal.abort(t, TransferState.LOOKUP_SENT, "LOOKUP", info.errorCode(), info.errorDescription()));
                continue;
            }
            String fspId = party.path("partyIdInfo").path("fspId").asText(null);
            if (fspId == null || fspId.isBlank()) {
                emits.addAll(journal.abort(t, TransferState.LOOKUP_SENT, "LOOKUP", FspiopErrorCode.PARTY_NOT_FOUND.code(),
                        "The lookup of " + t.payee() + " named no FSP"));
                continue;
            }
            String name = nameOf(party);
            emits.addAll(journal.moveToStep(t, TransferState.LOOKUP_SENT, StateChange.to(TransferState.PARTY_FOUND, "LOOKUP")
                    .set("payee_fsp", fspId).set("payee_name", name).detail(t.payee() + " is " + (name == null ? "unnamed" : name)
                            + " at " + fspId)));
        }
        return emits;
    }

    private List<Emit> onQuote(PayerTransfer t, boolean error, String body) throws Exception {
        if (t.state() != TransferState.QUOTE_SENT) {
            LOG.info("Quote callback for transfer {} in state {}: nothing to do", t.transferId(), t.state());
            return List.of();
        }
        if (error) {
            ErrorInformation info = SwitchAnswers.errorOf(body);
            return journal.abort(t, TransferState.QUOTE_SENT, "QUOTE", info.errorCode(), info.errorDescription());
        }
        return answers.acceptQuote(t, TransferState.QUOTE_SENT, JSON.readTree(body));
    }

    private List<Emit> onTransfer(PayerTransfer t, boolean error, String body, Message message) throws Exception {
        TransferState from = t.state();
        if (from != TransferState.TRANSFER_SENT && from != TransferState.STATUS_REQUESTED) {
            LOG.info("Transfer callback for {} in state {}: nothing to do", t.transferId(), from);
            return List.of();
        }
        if (error) {
            ErrorInformation info = SwitchAnswers.errorOf(body);
            if (from == TransferState.STATUS_REQUESTED && !SwitchAnswers.NOT_COMMITTED.contains(info.errorCode())) {
                // The switch could not say: the transfer may still commit. The next query will ask again.
                LOG.warn("Transfer {}: the switch could not tell its state: {} {}", t.transferId(), info.errorCode(), info.errorDescription());
                return List.of();
            }
            return journal.release(t, from, "TRANSFER", info.errorCode(), info.errorDescription());
        }
        JsonNode transfer = JSON.readTree(body);
        String state = transfer.path("transferState").asText();
        switch (state) {
            case "COMMITTED" -> {
                return answers.committed(t, from, transfer.path("fulfilment").asText(null),
                        message.getHeader(InboundMessage.SOURCE, String.class));
            }
            case "ABORTED" -> {
                return journal.release(t, from, "TRANSFER", FspiopErrorCode.PAYEE_REJECTED_TXN.code(), "The switch aborted the transfer");
            }
            default -> {
                LOG.info("Transfer {} is {} at the switch: still waiting", t.transferId(), state);
                return List.of();
            }
        }
    }

    private static String nameOf(JsonNode party) {
        String name = party.path("name").asText(null);
        if (name != null && !name.isBlank()) {
            return name;
        }
        JsonNode complex = party.path("personalInfo").path("complexName");
        String full = String.join(" ", List.of(complex.path("firstName").asText(""), complex.path("middleName").asText(""),
                complex.path("lastName").asText("")).stream().filter(s -> !s.isBlank()).toList());
        return full.isBlank() ? null : full;
    }
}
