package io.paymenthub.flow.request;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionRequestBooking;
import io.paymenthub.core.account.TransactionRequestCheck;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopDateTime;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * The payer's side of a request to pay: another FSP asks one of the tenant's customers for money.
 * The hub checks the payer's account in core banking ({@code requests}), answers
 * {@code PUT /transactionRequests/{id}} RECEIVED (or an error), and tells the payer's channel; the
 * payer accepts or rejects it, or the tenant's limits decide at once. On acceptance the payer's
 * transfer starts, carrying the request's id into its quote; a refusal or an expiry is a second
 * {@code PUT} with state REJECTED.
 */
public class PayerRequests {

    private static final Logger LOG = LoggerFactory.getLogger(PayerRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final RequestJournal journal;

    /** The news of a payer's request again, for a message delivered again that changed nothing. */
    public List<Emit> newsAgain(String tenant, String requestId) throws SQLException {
        return journal.newsAgain(tenant, requestId, RequestRole.PAYER);
    }
    private final PayerTransfers transfers;
    private final RequestFlowSettings settings;

    public PayerRequests(TenantDirectory tenants, AccountSystemDirectory accountSystems, RequestJournal journal, PayerTransfers transfers,
                         RequestFlowSettings settings) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.journal = journal;
        this.transfers = transfers;
        this.settings = settings;
    }

    /**
     * A {@code POST /transactionRequests} of the switch for a customer of the tenant (the inbound
     * API has validated it against the FSPIOP specification).
     *
     * @param source  the payee's FSP, which gets the answers
     * @param version the request's FSPIOP version, in which it is answered
     */
    public List<Emit> receive(String tenantName, String source, String version, String body) throws Exception {
        Tenant tenant = tenants.byName(tenantName).orElseThrow(() -> new IllegalStateException("Tenant " + tenantName + " is not served"));
        JsonNode json = JSON.readTree(body);
        String requestId = json.path("transactionRequestId").asText();
        Optional<TransactionRequest> recorded = store().find(tenant.name(), requestId, RequestRole.PAYER);
        if (recorded.isPresent()) {
            return answerAgain(recorded.get()); // this message again: its first answers may not have gone out
        }
        JsonNode payerInfo = json.path("payer");
        PartyId payer = new PartyId(payerInfo.path("partyIdType").asText(), payerInfo.path("partyIdentifier").asText(),
                payerInfo.path("partySubIdOrType").asText(null));
        JsonNode payeeInfo = json.path("payee").path("partyIdInfo");
        PartyId payee = new PartyId(payeeInfo.path("partyIdType").asText(), payeeInfo.path("partyIdentifier").asText(),
                payeeInfo.path("partySubIdOrType").asText(null));
        Money amount = new Money(new BigDecimal(json.path("amount").path("amount").asText()), json.path("amount").path("currency").asText());
        JsonNode type = json.path("transactionType");
        String note = json.path("note").asText(null);
        Instant now = store().now();
        Instant expiration = expiration(json.path("expiration").asText(null));

        ErrorInformation refusal = null;
        if (!"PAYEE".equals(type.path("initiator").asText())) {
            refusal = ErrorInformation.of(FspiopErrorCode.VALIDATION_ERROR, "a request to pay is initiated by the PAYEE");
        } else if (expiration != null && !expiration.isAfter(now)) {
            refusal = ErrorInformation.of(FspiopErrorCode.TXN_REQUEST_EXPIRED, "it expired at " + json.path("expiration").asText());
        } else if (!tenant.currencies().contains(amount.currency())) {
            refusal = ErrorInformation.of(FspiopErrorCode.PAYER_UNSUPPORTED_CURRENCY, amount.currency());
        }
        String payerAccount = null;
        boolean accountAccepts = true;
        if (refusal == null) {
            try {
                AccountSystem accounts = accountSystems.forTenant(tenant);
                PartyAccount account = accounts.lookupParty(tenant, payer);
                AccountHolder holder = accounts.account(tenant, account.accountId());
                if (!holder.currency().equals(amount.currency())) {
                    refusal = ErrorInformation.of(FspiopErrorCode.PAYER_UNSUPPORTED_CURRENCY, "the payer's account is in " + holder.currency());
                } else if (!holder.isActive()) {
                    refusal = ErrorInformation.of(FspiopErrorCode.PAYER_ERROR, "the payer's account is " + holder.status());
                } else {
                    payerAccount = account.accountId();
                    TransactionRequestCheck check = accounts.checkTransactionRequest(tenant, new TransactionRequestBooking(requestId,
                            requestId, account.accountId(), amount, new TransactionType(type.path("scenario").asText(), "PAYEE",
                            type.path("initiatorType").asText()), note));
                    accountAccepts = check.accepted();
                }
            } catch (AccountSystemException e) {
                if (e.error().isTransient()) {
                    throw e;
                }
                refusal = new ErrorInformation(e.error().fspiopCode(Role.PAYER), truncate("Payer " + payer + ": " + e.getMessage()), null);
            }
        }
        if (refusal != null) {
            LOG.info("Request to pay {} from {} for {} of {} refused: {} {}", requestId, source, payer, tenant.name(), refusal.errorCode(),
                    refusal.errorDescription());
            return List.of(RequestSwitchMessages.error(tenant.name(), requestId, source, version, refusal));
        }

        Tenant.RequestToPaySettings limits = tenant.settings().requests();
        Instant answerBy = now.plus(limits.answerWithin());
        Instant expiresAt = expiration != null && expiration.isBefore(answerBy) ? expiration : answerBy;
        TransactionRequest base = new TransactionRequest(tenant.name(), requestId, RequestRole.PAYER, RequestState.AWAITING_PAYER,
                amount.amount(), amount.currency(), type.path("scenario").asText(), type.path("initiatorType").asText(), note, null, payer,
                tenant.fspId(), payerAccount, payee, source, json.path("payee").path("name").asText(null), null, null, null, null, null,
                expiresAt, expiresAt, 0, version, now, now);
        TransactionRequest r;
        String detail = amount.amount().toPlainString() + " " + amount.currency() + " asked of " + payer + " by " + payee + " of " + source;
        if (!accountAccepts) {
            r = ended(base, RequestState.REJECTED, FspiopErrorCode.PAYER_ERROR.code(), "Refused by the payer's core banking");
        } else if (limits.autoRejectAbove() != null && amount.amount().compareTo(limits.autoRejectAbove()) > 0) {
            r = ended(base, RequestState.REJECTED, FspiopErrorCode.PAYER_LIMIT_ERROR.code(),
                    "Above the payer's limit for requests to pay");
        } else if (limits.autoAcceptUpTo() != null && amount.amount().compareTo(limits.autoAcceptUpTo()) <= 0) {
            r = withState(base, RequestState.ACCEPTED, UUID.randomUUID().toString(), now.plus(settings.stalledAfter()));
            detail += "; accepted: at most " + limits.autoAcceptUpTo().toPlainString() + " is paid without asking";
        } else {
            r = base;
        }
        if (!store().insert(r, detail + (r.failureReason() == null ? "" : "; " + r.failureReason()))) {
            return answerAgain(store().find(tenant.name(), requestId, RequestRole.PAYER).orElseThrow());
        }
        TransactionRequest inserted = store().find(tenant.name(), requestId, RequestRole.PAYER).orElseThrow();
        LOG.info("Request to pay {} of {} from {}: {} {} asked of {}: {}", requestId, tenant.name(), source, amount.amount().toPlainString(),
                amount.currency(), payer, inserted.state());
        List<Emit> emits = new ArrayList<>(answerAgain(inserted));
        emits.add(journal.notification(inserted));
        return emits;
    }

    /**
     * The payer's answer, through the channel, to a request AWAITING_PAYER.
     *
     * @return the messages to send; empty when the request was not waiting for the payer (see its state)
     */
    public List<Emit> respond(String tenant, String requestId, boolean accept) throws SQLException {
        Optional<TransactionRequest> found = store().find(tenant, requestId, RequestRole.PAYER);
        if (found.isEmpty() || found.get().state() != RequestState.AWAITING_PAYER) {
            return List.of();
        }
        TransactionRequest r = found.get();
        if (accept) {
            return journal.move(r, RequestState.AWAITING_PAYER, StateChange.to(RequestState.ACCEPTED, "ACCEPT")
                    .set("transfer_id", UUID.randomUUID().toString()).deadline(store().now().plus(settings.stalledAfter()))
                    .detail("accepted by the payer"), this::startTransfer);
        }
        return journal.end(r, RequestState.AWAITING_PAYER, RequestState.REJECTED, "REJECT",
                FspiopErrorCode.PAYER_REJECTED_TXN_REQUEST.code(), "Rejected by the payer", moved -> List.of(RequestSwitchMessages.rejected(moved)));
    }

    /**
     * The payer's transfer that pays an ACCEPTED request ended. ABORTED: the payee's FSP is told
     * that the request will not be paid ({@code REJECTED}, with the transfer's failure code), so its
     * customer does not wait for the expiry. COMMITTED or UNKNOWN: only recorded (the payee's FSP
     * learns of the money from the transfer itself).
     */
    public List<Emit> paymentEnded(String tenant, String requestId, String transferId, String state, String code, String reason)
            throws SQLException {
        Optional<TransactionRequest> found = store().find(tenant, requestId, RequestRole.PAYER);
        if (found.isEmpty() || found.get().state() != RequestState.ACCEPTED || !transferId.equals(found.get().transferId())) {
            LOG.warn("Transfer {} of {} paid request {}, which is not an accepted request of this tenant paid by it", transferId, tenant,
                    requestId);
            return List.of();
        }
        TransactionRequest r = found.get();
        if (!"ABORTED".equals(state)) {
            return journal.move(r, RequestState.ACCEPTED, StateChange.to(RequestState.ACCEPTED, "PAYMENT")
                    .detail("transfer " + transferId + " " + state), moved -> List.of());
        }
        String failure = code == null ? FspiopErrorCode.PAYER_ERROR.code() : code;
        return journal.move(r, RequestState.ACCEPTED, StateChange.to(RequestState.ACCEPTED, "PAYMENT")
                        .failure(failure, "The payment failed: " + (reason == null ? "no reason given" : reason))
                        .detail("transfer " + transferId + " ABORTED (" + failure + "): REJECTED sent to " + r.payeeFsp()),
                moved -> List.of(RequestSwitchMessages.rejected(moved)));
    }

    /** A payer's request whose wait has ended: unanswered, it expires; accepted, its transfer is started if it is not yet. */
    List<Emit> deadlinePassed(TransactionRequest r) throws SQLException {
        if (r.state() == RequestState.AWAITING_PAYER) {
            return journal.end(r, RequestState.AWAITING_PAYER, RequestState.EXPIRED, "EXPIRY", FspiopErrorCode.TXN_REQUEST_EXPIRED.code(),
                    "The payer did not answer by " + FspiopDateTime.format(r.expiresAt()),
                    moved -> List.of(RequestSwitchMessages.rejected(moved)));
        }
        return r.state() == RequestState.ACCEPTED ? startTransfer(r) : List.of();
    }

    /**
     * Starts (once: the transfer id was chosen when the request was accepted) the payer's transfer
     * that pays an ACCEPTED request, then clears the request's deadline. Should the hub stop in
     * between, the deadline check calls this again.
     */
    private List<Emit> startTransfer(TransactionRequest r) throws SQLException {
        Tenant tenant = tenants.byName(r.tenant()).orElseThrow(() -> new IllegalStateException("Tenant " + r.tenant() + " is not served"));
        PayerTransfers.Started started = transfers.start(tenant, new TransferRequest(r.payer(), r.payee(), r.amount(), r.currency(),
                r.scenario(), r.note(), null, r.requestId(), r.initiatorType()), r.transferId());
        if (r.deadline() != null) {
            store().transition(r, RequestState.ACCEPTED, StateChange.to(RequestState.ACCEPTED, null).deadline(null));
        }
        if (started.created()) {
            LOG.info("Request {} of {}: transfer {} started to pay it", r.requestId(), r.tenant(), r.transferId());
        }
        return started.emits();
    }

    /** The answers a recorded request leads to, for a delivery of its request again. */
    private List<Emit> answerAgain(TransactionRequest r) throws SQLException {
        return switch (r.state()) {
            case AWAITING_PAYER -> List.of(RequestSwitchMessages.received(r));
            case ACCEPTED -> {
                List<Emit> emits = new ArrayList<>(List.of(RequestSwitchMessages.received(r)));
                emits.addAll(startTransfer(r));
                yield emits;
            }
            case REJECTED, EXPIRED -> List.of(RequestSwitchMessages.rejected(r));
            default -> List.of();
        };
    }

    private static TransactionRequest ended(TransactionRequest r, RequestState state, String code, String reason) {
        return new TransactionRequest(r.tenant(), r.requestId(), r.role(), state, r.amount(), r.currency(), r.scenario(), r.initiatorType(),
                r.note(), r.clientRef(), r.payer(), r.payerFsp(), r.payerAccount(), r.payee(), r.payeeFsp(), r.payeeName(), null, null, null,
                code, reason, r.expiresAt(), null, r.attempts(), r.fspiopVersion(), r.createdAt(), r.updatedAt());
    }

    private static TransactionRequest withState(TransactionRequest r, RequestState state, String transferId, Instant deadline) {
        return new TransactionRequest(r.tenant(), r.requestId(), r.role(), state, r.amount(), r.currency(), r.scenario(), r.initiatorType(),
                r.note(), r.clientRef(), r.payer(), r.payerFsp(), r.payerAccount(), r.payee(), r.payeeFsp(), r.payeeName(), null,
                transferId, null, null, null, r.expiresAt(), deadline, r.attempts(), r.fspiopVersion(), r.createdAt(), r.updatedAt());
    }

    private static Instant expiration(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null; // the inbound API checked its form; a form this parser does not know leaves the tenant's limit
        }
    }

    private static String truncate(String text) {
        return text.length() > ErrorInformation.MAX_DESCRIPTION_LENGTH ? text.substring(0, ErrorInformation.MAX_DESCRIPTION_LENGTH) : text;
    }

    private TransactionRequestStore store() {
        return journal.store();
    }
}
