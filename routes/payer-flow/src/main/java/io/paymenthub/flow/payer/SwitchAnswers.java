package io.paymenthub.flow.payer;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.FeeQuote;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.QuoteBooking;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.ilp.IlpCrypto;

/**
 * What a payer's transfer does with the payee FSP's answers, whether they come one by one
 * ({@code PUT /quotes}, {@code PUT /transfers}) or as the items of a bulk quote or bulk transfer:
 * the terms of a quote checked and the payer's fee added, a commit accepted only with a
 * fulfilment that meets the condition.
 */
final class SwitchAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchAnswers.class);

    /**
     * Errors that say a transfer did not and will not commit, whether they answer the transfer itself
     * or a query of its state: unknown to the switch, or expired (the switch aborts an expired transfer).
     */
    static final Set<String> NOT_COMMITTED = Set.of(FspiopErrorCode.TRANSFER_ID_NOT_FOUND.code(),
            FspiopErrorCode.EXPIRED_ERROR.code(), FspiopErrorCode.TRANSFER_EXPIRED.code(), FspiopErrorCode.BULK_TRANSFER_ID_NOT_FOUND.code());

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final PayerJournal journal;

    SwitchAnswers(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayerJournal journal) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.journal = journal;
    }

    /**
     * The payee FSP's terms for the transfer (a {@code PUT /quotes} body, or an individual quote
     * result with its bulk's expiration): checked against what the payer asked, the payer's fee
     * added, then on to the hold (or to the payer's confirmation). Terms that do not hold end the
     * transfer; nothing is on hold yet.
     */
    List<Emit> acceptQuote(PayerTransfer t, TransferState from, JsonNode quote) throws SQLException {
        JsonNode transferAmount = quote.path("transferAmount");
        if (!t.currency().equals(transferAmount.path("currency").asText())) {
            return refuseQuote(t, from, "the quote is in " + transferAmount.path("currency").asText() + ", not " + t.currency());
        }
        BigDecimal toTransfer = new BigDecimal(transferAmount.path("amount").asText());
        JsonNode receive = quote.path("payeeReceiveAmount");
        if (receive.isObject() && new BigDecimal(receive.path("amount").asText()).compareTo(t.amount()) != 0) {
            return refuseQuote(t, from, "the payee would receive " + receive.path("amount").asText() + " instead of "
                    + t.amount().toPlainString());
        }
        if (toTransfer.compareTo(t.amount()) < 0) {
            return refuseQuote(t, from, "the transfer amount " + toTransfer.toPlainString() + " is less than the amount the payee receives");
        }
        Instant expiration = Instant.parse(quote.path("expiration").asText());
        if (!expiration.isAfter(journal.store().now())) {
            return journal.abort(t, from, "QUOTE", FspiopErrorCode.QUOTE_EXPIRED.code(), "The quote expired at " + expiration);
        }
        BigDecimal payeeFee = quote.path("payeeFspFee").isObject() ? new BigDecimal(quote.path("payeeFspFee").path("amount").asText())
                : BigDecimal.ZERO;
        Tenant tenant = tenants.byName(t.tenant()).orElseThrow(() -> new IllegalStateException("Tenant " + t.tenant() + " is not served"));
        FeeQuote payerFee;
        try {
            payerFee = accountSystems.forTenant(tenant).quote(tenant, new QuoteBooking(t.transactionId(), t.quoteId(), t.payerAccount(),
                    new Money(toTransfer, t.currency()), "SEND", Role.PAYER, new TransactionType(t.scenario(), "PAYER", "CONSUMER")));
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            return journal.abort(t, from, "PAYER_FEE", e.error().fspiopCode(Role.PAYER), e.getMessage());
        }
        // A batch was approved as a whole: its items are not confirmed one by one.
        boolean confirm = tenant.settings().payerConfirmation() && t.batchId() == null;
        StateChange<TransferState> change = StateChange.to(confirm ? TransferState.AWAITING_CONFIRMATION : TransferState.QUOTED, "QUOTE")
                .set("transfer_amount", toTransfer).set("payee_fee", payeeFee).set("payer_fee", payerFee.fee().amount())
                .set("ilp_packet", quote.path("ilpPacket").asText()).set("ilp_condition", quote.path("condition").asText())
                .set("expires_at", expiration).deadline(confirm ? expiration : null)
                .detail("transfer " + toTransfer.toPlainString() + ", payee fee " + payeeFee.toPlainString() + ", payer fee "
                        + payerFee.fee().amount().toPlainString() + " " + t.currency() + ", valid until " + expiration);
        return confirm ? journal.move(t, from, change, moved -> List.of()) : journal.moveToStep(t, from, change);
    }

    private List<Emit> refuseQuote(PayerTransfer t, TransferState from, String reason) throws SQLException {
        LOG.warn("Transfer {}: quote {} refused: {}", t.transferId(), t.quoteId(), reason);
        return journal.abort(t, from, "QUOTE", FspiopErrorCode.PAYER_REJECTION.code(), "Quote refused: " + reason);
    }

    /**
     * The payee FSP says the transfer committed: on to the debit with a fulfilment that meets the
     * condition; without one there is no proof that the payee was paid, so the payer is not debited
     * and the hold stays until an operator learns the outcome from the switch (hub:resolve).
     */
    List<Emit> committed(PayerTransfer t, TransferState from, String fulfilment, String source) throws SQLException {
        if (fulfilment == null || !IlpCrypto.verifyFulfilment(fulfilment, t.condition())) {
            String reason = "COMMITTED with a fulfilment that does not meet the transfer's condition: not debited, hold kept";
            LOG.error("Transfer {} of {}: {} (source {})", t.transferId(), t.tenant(), reason, source);
            return journal.move(t, from, StateChange.to(TransferState.UNKNOWN, "TRANSFER").set("fulfilment", fulfilment)
                    .failure(FspiopErrorCode.VALIDATION_ERROR.code(), reason).detail(reason), moved -> List.of());
        }
        return journal.moveToStep(t, from, StateChange.to(TransferState.FULFILLED, "TRANSFER").set("fulfilment", fulfilment)
                .detail("committed by the switch"));
    }

    static ErrorInformation errorOf(String body) {
        try {
            return ErrorInformation.fromJson(body);
        } catch (IllegalArgumentException e) {
            return ErrorInformation.of(FspiopErrorCode.SERVER_ERROR, "unreadable error callback");
        }
    }

    /** An individual result's {@code errorInformation}, as an error callback would carry it. */
    static ErrorInformation errorOf(JsonNode information) {
        try {
            return ErrorInformation.fromNode(information);
        } catch (IllegalArgumentException e) {
            return ErrorInformation.of(FspiopErrorCode.SERVER_ERROR, "unreadable error result");
        }
    }
}
