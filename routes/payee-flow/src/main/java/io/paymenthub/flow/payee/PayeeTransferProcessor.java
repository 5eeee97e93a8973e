package io.paymenthub.flow.payee;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Booking;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopDateTime;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.ilp.IlpTransferCheck;
import io.paymenthub.fspiop.ilp.IlpVersion;
import io.paymenthub.fspiop.ilp.MojaloopIlp;
import io.paymenthub.fspiop.ilp.TransactionObject;

/**
 * {@code POST /transfers} to a payee of this hub. Nobody is credited before the transfer is
 * checked against the quote this hub gave (ILP packet made with the tenant's secret, condition,
 * amount, currency, FSPs, expiry) and bound to that recorded quote, once per transaction
 * ({@link PayeeQuotes}); then the payee's account the quote was issued for (not looked up again)
 * is credited (idempotent by transferId)
 * and the transfer answered COMMITTED with the fulfilment; or, for a tenant with
 * {@code payee.reserveBeforeCommit}, answered RESERVED and credited on the switch's PATCH
 * COMMITTED. A core banking that cannot be reached makes the message go back to the queue: the
 * outcome of a credit is never guessed.
 */
public class PayeeTransferProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeTransferProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final PayeeReservations reservations;
    private final PayeeQuotes quotes;
    private final Clock clock;

    public PayeeTransferProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayeeReservations reservations,
                                  PayeeQuotes quotes) {
        this(tenants, accountSystems, reservations, quotes, Clock.systemUTC());
    }

    PayeeTransferProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayeeReservations reservations,
                           PayeeQuotes quotes, Clock clock) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.reservations = reservations;
        this.quotes = quotes;
        this.clock = clock;
    }

    /**
     * One transfer as this payee answered it: refused with an error (nothing credited), or credited
     * (or reserved) with the fulfilment to send.
     *
     * @param credited what was credited, null when refused
     * @param answer the {@code PUT /transfers/{ID}} body that answers the transfer, null when refused
     * @param answerRecorded whether that answer was recorded for resends with the credit, in one commit
     */
    public record Outcome(ErrorInformation refusal, String fulfilment, boolean reserved, TransferBooking credited,
                          boolean paysRequest, String answer, boolean answerRecorded) {

        static Outcome refused(ErrorInformation refusal) {
            return new Outcome(refusal, null, false, null, false, null, false);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SwitchRequest request = SwitchRequest.of(exchange.getMessage());
        JsonNode transfer = JSON.readTree(request.body());
        String transferId = transfer.path("transferId").asText();
        String path = "/transfers/" + transferId;
        Tenant tenant = request.tenantIn(tenants);
        // Reserve-then-commit needs the switch's PATCH, which FSPIOP has from version 1.1 on.
        boolean reserveOnly = tenant.settings().payeeCommitMode() && !"1.0".equals(request.version());
        Outcome outcome = credit(tenant, request.source(), transfer, reserveOnly, true);
        if (outcome.isRefused()) {
            Callback.error(request, tenant.name(), path, outcome.refusal(), transferId).writeTo(exchange.getMessage());
            return;
        }
        (outcome.answerRecorded() ? Callback.recorded(request, tenant.name(), path, outcome.answer())
                : Callback.of(request, tenant.name(), path, outcome.answer(), transferId)).writeTo(exchange.getMessage());
        if (!outcome.reserved() && outcome.paysRequest()) {
            TransferBooking credit = outcome.credited();
            PayeeEvents.announce(exchange, PayeeEvent.credited(tenant.name(), credit.transactionCode(), transferId,
                    credit.amount().amount(), credit.amount().currency()));
        }
    }

    /** Now, as a {@code completedTimestamp}. */
    String completedTimestamp() {
        return FspiopDateTime.format(clock.instant());
    }

    /** A transfer credited (or reserved) by an earlier delivery, answered now; its answer not recorded yet. */
    private Outcome creditedBefore(IlpTransferCheck.Result check, boolean reserved, TransferBooking credit, boolean paysRequest) {
        return new Outcome(null, check.fulfilment(), reserved, credit, paysRequest,
                answer(check.fulfilment(), clock.instant(), reserved), false);
    }

    /** The {@code PUT /transfers/{ID}} body of a transfer credited (or reserved) at {@code at}. */
    private static String answer(String fulfilment, Instant at, boolean reserved) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("fulfilment", fulfilment);
        answer.put("completedTimestamp", FspiopDateTime.format(at));
        answer.put("transferState", reserved ? "RESERVED" : "COMMITTED");
        return answer.toString();
    }

    /**
     * Checks one transfer of the payer FSP {@code source} and credits its payee once (or, with
     * {@code reserveOnly}, records the credit for the switch's PATCH). A core banking that cannot
     * be reached is thrown: the outcome of a credit is never guessed.
     *
     * @param transfer a {@code POST /transfers} body, or an individual transfer of a bulk transfer in that form
     * @param answersRequest whether the transfer is the switch's request itself ({@code POST /transfers}), whose
     *                       answer is then recorded with the credit, in one commit
     */
    Outcome credit(Tenant tenant, String source, JsonNode transfer, boolean reserveOnly, boolean answersRequest)
            throws SQLException {
        String transferId = transfer.path("transferId").asText();
        IlpTransferCheck.Result check = IlpTransferCheck.check(MojaloopIlp.of(IlpVersion.V4, tenant.settings().ilpSecret()),
                transfer, clock.instant());
        if (!check.ok()) {
            Optional<PayeeQuotes.BoundTransfer> earlier = check.failsOnlyOnExpiry() ? earlierDelivery(tenant, transferId, check)
                    : Optional.empty();
            if (earlier.isPresent()) {
                return settleEarlierDelivery(tenant, transfer, check, earlier.get(), check.error().orElseThrow());
            }
            LOG.warn("Transfer {} to {} refused before any credit: {}", transferId, tenant.name(), check.mismatches());
            return Outcome.refused(check.error().orElseThrow());
        }
        TransactionObject transaction = check.packet().transactionObject();
        AccountSystem system = accountSystems.forTenant(tenant);
        // The account the quote was issued for: the packet met the quote's condition, so it names the same payee.
        Optional<String> quoteId = transaction.text("quoteId");
        Optional<PayeeQuotes.IssuedQuote> quote = quoteId.flatMap(id -> findQuote(tenant, id));
        Optional<String> quotedAccount = quote.map(PayeeQuotes.IssuedQuote::payeeAccount);
        PartyAccount account;
        try {
            account = quotedAccount.isPresent() ? new PartyAccount(payeeOf(transaction), quotedAccount.get())
                    : system.lookupParty(tenant, payeeOf(transaction));
        } catch (AccountSystemException e) {
            ErrorInformation error = FspiopErrors.payeeErrorOrRetry(e);
            Optional<PayeeQuotes.BoundTransfer> earlier = earlierDelivery(tenant, transferId, check);
            if (earlier.isPresent() && earlier.get().accountId() != null) {
                return settleEarlierDelivery(tenant, transfer, check, earlier.get(), error);
            }
            LOG.warn("Transfer {} to {} not credited: {}", transferId, tenant.name(), e.getMessage());
            return Outcome.refused(error);
        }
        PayeeQuotes.Binding binding = bindToQuote(source, tenant, transfer, transaction, quoteId, quote, account.accountId());
        if (binding.isRefused()) {
            LOG.warn("Transfer {} to {} from {} refused before any credit: {}", transferId, tenant.name(), source,
                    binding.refusal().errorDescription());
            return Outcome.refused(binding.refusal());
        }
        PayeeQuotes.BoundTransfer earlier = binding.earlier();
        if (earlier != null && earlier.switchAborted() && !earlier.credited()) {
            return settleEarlierDelivery(tenant, transfer, check, earlier, ErrorInformation.of(FspiopErrorCode.PAYEE_FSP_REJECTED_TXN,
                    "the switch aborted transfer " + transferId));
        }
        // A delivery again credits the account the first one bound, whatever the payee's alias says now.
        String accountId = earlier != null && earlier.accountId() != null ? earlier.accountId() : account.accountId();
        TransferBooking credit = creditOf(transfer, transaction, accountId);
        String answer;
        // Recorded with the credit's record; a reservation's answer is recorded as it goes out.
        boolean answerRecorded = answersRequest && !reserveOnly;
        try {
            if (reserveOnly) {
                reservations.reserve(tenant.name(), credit);
                answer = answer(check.fulfilment(), clock.instant(), true);
            } else {
                system.deposit(tenant, credit);
                Instant at = clock.instant();
                answer = answer(check.fulfilment(), at, false);
                quotes.recordCredit(tenant.name(), credit, at, answerRecorded
                        ? Optional.of(FspiopRequestJournal.Answer.put(tenant.name(), "transfers", transferId, "/transfers/" + transferId,
                                answer))
                        : Optional.empty());
            }
        } catch (AccountSystemException e) {
            ErrorInformation error = FspiopErrors.payeeErrorOrRetry(e);
            LOG.warn("Transfer {} to {} not credited: {}", transferId, tenant.name(), e.getMessage());
            quotes.unbind(tenant.name(), transferId);
            return Outcome.refused(error);
        }
        LOG.info(reserveOnly ? "Transfer {} of {} to {} of {} reserved: credited on the switch's PATCH COMMITTED"
                : "Transfer {} credited {} to {} of {}", transferId, credit.amount(), accountId, tenant.name());
        return new Outcome(null, check.fulfilment(), reserveOnly, credit, binding.paysRequest(), answer, answerRecorded);
    }

    /**
     * A transfer delivered again that may not be credited now (it expired, or the switch aborted
     * it), bound by an earlier delivery whose outcome the hub did not record: that delivery may have
     * been credited by core banking before the hub failed (its database away, its node killed). The
     * answer is the one that delivery would have given, from what was recorded or, failing that,
     * from core banking's bookings of the transfer; nothing new is booked. Refusing a credit that was
     * booked would release the payer while the payee keeps the money.
     */
    private Outcome settleEarlierDelivery(Tenant tenant, JsonNode transfer, IlpTransferCheck.Result check,
                                          PayeeQuotes.BoundTransfer earlier, ErrorInformation refusal) throws SQLException {
        String transferId = earlier.transferId();
        TransactionObject transaction = check.packet().transactionObject();
        boolean paysRequest = transaction.text("quoteId").flatMap(quoteId -> findQuote(tenant, quoteId))
                .map(quote -> quote.transactionRequestId() != null).orElse(false);
        Optional<PayeeReservations.Reservation> reservation = reservations.find(tenant.name(), transferId);
        if (reservation.isPresent() && "RESERVED".equals(reservation.get().state())) {
            return creditedBefore(check, true, reservation.get().credit(), paysRequest);
        }
        AccountSystem system = accountSystems.forTenant(tenant);
        String accountId = earlier.accountId() != null ? earlier.accountId()
                : system.lookupParty(tenant, payeeOf(transaction)).accountId();
        TransferBooking credit = creditOf(transfer, transaction, accountId);
        if (earlier.credited()) {
            LOG.info("Transfer {} to {} delivered again: credited before, answered as then", transferId, tenant.name());
            return creditedBefore(check, false, credit, paysRequest);
        }
        // Bookings dated from the day before the claim to the day after today: core banking's business dates need not be UTC's.
        Optional<Booking> booked = system.findBooking(tenant, accountId, Booking.Kind.DEPOSIT, transferId,
                earlier.claimedAt().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1),
                clock.instant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1));
        if (booked.isEmpty()) {
            quotes.unbind(tenant.name(), transferId);
            LOG.warn("Transfer {} to {} refused: {}; no earlier delivery credited it", transferId, tenant.name(),
                    refusal.errorDescription());
            return Outcome.refused(refusal);
        }
        if (booked.get().amount().compareTo(credit.amount().amount()) != 0) {
            LOG.error("Transfer {} to {}: core banking booked {} under its code, the transfer is for {}", transferId, tenant.name(),
                    booked.get().amount(), credit.amount());
        }
        quotes.recordCredit(tenant.name(), credit, clock.instant(), Optional.empty());
        LOG.warn("Transfer {} to {} delivered again ({}): core banking credited {} to {} on an earlier delivery whose record was "
                + "lost; recorded now, answered COMMITTED", transferId, tenant.name(), refusal.errorDescription(), credit.amount(),
                accountId);
        return creditedBefore(check, false, credit, paysRequest);
    }

    /** This transfer's binding by an earlier delivery of it, to the transaction its packet names. */
    private Optional<PayeeQuotes.BoundTransfer> earlierDelivery(Tenant tenant, String transferId, IlpTransferCheck.Result check)
            throws SQLException {
        String transactionId = transactionIdOf(check.packet().transactionObject(), transferId);
        return quotes.boundTransfer(tenant.name(), transferId).filter(bound -> bound.transactionId().equals(transactionId));
    }

    private Optional<PayeeQuotes.IssuedQuote> findQuote(Tenant tenant, String quoteId) {
        try {
            return quotes.find(tenant.name(), quoteId);
        } catch (SQLException e) {
            throw new IllegalStateException("Quote " + quoteId + " of " + tenant.name() + " could not be read", e);
        }
    }

    private static PartyId payeeOf(TransactionObject transaction) {
        return new PartyId(transaction.text("payee", "partyIdInfo", "partyIdType").orElseThrow(),
                transaction.text("payee", "partyIdInfo", "partyIdentifier").orElseThrow(),
                transaction.text("payee", "partyIdInfo", "partySubIdOrType").orElse(null));
    }

    private static String transactionIdOf(TransactionObject transaction, String transferId) {
        return transaction.text("transactionId").orElse(transferId);
    }

    private static TransferBooking creditOf(JsonNode transfer, TransactionObject transaction, String accountId) {
        String transferId = transfer.path("transferId").asText();
        return new TransferBooking(transactionIdOf(transaction, transferId), transferId, accountId, amountOf(transfer), null, null,
                Role.PAYEE, transactionType(transaction), null);
    }

    private static Money amountOf(JsonNode transfer) {
        return new Money(new BigDecimal(transfer.path("amount").path("amount").asText()), transfer.path("amount").path("currency").asText());
    }

    /**
     * The transfer must come from its payer FSP and name a quote this tenant issued, with that quote's
     * terms, and be the only transfer of its transaction.
     */
    private PayeeQuotes.Binding bindToQuote(String source, Tenant tenant, JsonNode transfer, TransactionObject transaction,
                                            Optional<String> quoteId, Optional<PayeeQuotes.IssuedQuote> quote, String accountId)
            throws SQLException {
        String payerFsp = transfer.path("payerFsp").asText();
        if (!payerFsp.equals(source)) {
            return PayeeQuotes.Binding.refused(ErrorInformation.of(FspiopErrorCode.VALIDATION_ERROR,
                    "FSPIOP-Source " + source + " is not the payer FSP " + payerFsp));
        }
        return quotes.bind(tenant.name(), new PayeeQuotes.TransferTerms(transfer.path("transferId").asText(),
                quoteId.orElse(null), transaction.text("transactionId").orElse(null), payerFsp, amountOf(transfer),
                transfer.path("condition").asText()), quote, accountId, clock.instant());
    }

    private static TransactionType transactionType(TransactionObject transaction) {
        return new TransactionType(transaction.text("transactionType", "scenario").orElse("TRANSFER"),
                transaction.text("transactionType", "initiator").orElse("PAYER"),
                transaction.text("transactionType", "initiatorType").orElse("CONSUMER"));
    }
}
