package io.paymenthub.flow.request;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.step.AnswerWait;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.fspiop.FspiopDateTime;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * The payee's side of a request to pay: the payee's channel asks for money; the hub checks the
 * payee's account, looks the payer up, sends {@code POST /transactionRequests} to the payer's FSP,
 * and learns from the payee flow ({@link PayeeEvent}) that the payer's transfer paid it.
 */
public class PayeeRequests {

    /** Outcome of {@link #create}: the request, and whether it is new (else: same client reference as before). */
    public record Created(TransactionRequest request, boolean created, List<Emit> emits) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PayeeRequests.class);

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final RequestJournal journal;

    /** The news of a payee's request again, for a callback delivered again that changed nothing. */
    public List<Emit> newsAgain(String tenant, String requestId) throws SQLException {
        return journal.newsAgain(tenant, requestId, RequestRole.PAYEE);
    }

    /** The news of the request a payee event is about, again, for an event delivered again that changed nothing. */
    public List<Emit> newsAgain(PayeeEvent event) throws SQLException {
        Optional<TransactionRequest> r = event.kind() == PayeeEvent.Kind.QUOTED
                ? store().find(event.tenant(), event.transactionRequestId(), RequestRole.PAYEE)
                : store().findByTransaction(event.tenant(), event.transactionId());
        return r.isEmpty() ? List.of() : journal.newsAgain(r.get().tenant(), r.get().requestId(), RequestRole.PAYEE);
    }
    private final RequestFlowSettings settings;

    public PayeeRequests(TenantDirectory tenants, AccountSystemDirectory accountSystems, RequestJournal journal,
                         RequestFlowSettings settings) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.journal = journal;
        this.settings = settings;
    }

    /**
     * Records a request of the tenant's channel: {@code ask.payer()} is asked to pay
     * {@code ask.amount()} to {@code ask.payee()}, a customer of the tenant. A client reference used
     * before returns that request instead.
     *
     * @param validity how long the payer may pay it; null for the flow's default
     */
    public Created create(Tenant tenant, TransferRequest ask, Duration validity) throws SQLException {
        Instant now = store().now();
        String initiatorType = "PAYMENT".equals(ask.scenario()) ? "BUSINESS" : "CONSUMER";
        TransactionRequest r = TransactionRequest.create(tenant.name(), UUID.randomUUID().toString(), RequestRole.PAYEE,
                RequestState.RECEIVED, new Money(ask.amount(), ask.currency()), ask.scenario(), initiatorType, ask.note(), ask.clientRef(),
                ask.payer(), null, ask.payee(), tenant.fspId(), now.plus(validity == null ? settings.validity() : validity),
                now.plus(settings.stalledAfter()), now);
        if (!store().insert(r, ask.amount().toPlainString() + " " + ask.currency() + " asked of " + ask.payer() + " for " + ask.payee())) {
            return new Created(store().findByClientRef(tenant.name(), ask.clientRef()).orElseThrow(), false, List.of());
        }
        TransactionRequest recorded = store().find(tenant.name(), r.requestId(), RequestRole.PAYEE).orElseThrow();
        return new Created(recorded, true, List.of(RequestMessages.step(recorded)));
    }

    /** RECEIVED: the payee's account must exist, be active and hold the currency; then the payer is looked up. */
    List<Emit> checkPayeeAndLookup(TransactionRequest r) throws SQLException {
        Optional<Tenant> tenant = tenants.byName(r.tenant());
        if (tenant.isEmpty()) {
            throw new IllegalStateException("Tenant " + r.tenant() + " is not served");
        }
        AccountHolder holder;
        try {
            AccountSystem accounts = accountSystems.forTenant(tenant.get());
            holder = accounts.accountHolder(tenant.get(), accounts.lookupParty(tenant.get(), r.payee()).accountId());
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            return fail(r, RequestState.RECEIVED, "PAYEE_ACCOUNT", e.error().fspiopCode(Role.PAYEE), "Payee " + r.payee() + ": "
                    + e.getMessage());
        }
        if (!holder.currency().equals(r.currency())) {
            return fail(r, RequestState.RECEIVED, "PAYEE_ACCOUNT", FspiopErrorCode.PAYEE_UNSUPPORTED_CURRENCY.code(),
                    "The payee's account is in " + holder.currency() + ", not " + r.currency());
        }
        if (!holder.isActive()) {
            return fail(r, RequestState.RECEIVED, "PAYEE_ACCOUNT", FspiopErrorCode.PAYEE_ERROR.code(), "The payee's account is "
                    + holder.status());
        }
        return journal.move(r, RequestState.RECEIVED, StateChange.to(RequestState.LOOKUP_SENT, "LOOKUP")
                        .set("payee_name", holder.displayName()).set("attempts", 0)
                        .deadline(settings.lookupWait().deadline(store().now()))
                        .detail("GET /parties/" + r.payer()),
                moved -> List.of(RequestSwitchMessages.lookupPayer(moved)));
    }

    /** The payer's lookup answered: every request of the tenant waiting for this payer goes to the payer's FSP, or fails. */
    List<Emit> payerFound(TransactionRequest r, boolean error, JsonNode body) throws SQLException {
        List<Emit> emits = new ArrayList<>();
        List<TransactionRequest> waiting = store().waitingForPayer(r.tenant(), r.payer());
        for (TransactionRequest w : waiting) {
            if (error) {
                Failure info = errorOf(body);
                emits.addAll(fail(w, RequestState.LOOKUP_SENT, "LOOKUP", info.errorCode(), "Payer " + w.payer() + ": "
                        + info.errorDescription()));
                continue;
            }
            String fspId = body.path("party").path("partyIdInfo").path("fspId").asText(null);
            if (fspId == null) {
                emits.addAll(fail(w, RequestState.LOOKUP_SENT, "LOOKUP", FspiopErrorCode.PARTY_NOT_FOUND.code(),
                        "The lookup of " + w.payer() + " named no FSP"));
                continue;
            }
            emits.addAll(journal.move(w, RequestState.LOOKUP_SENT, StateChange.to(RequestState.SENT, "REQUEST")
                            .set("payer_fsp", fspId).set("attempts", 0)
                            .deadline(settings.answerWait().deadline(store().now()))
                            .detail("POST /transactionRequests to " + fspId + ", expiring "
                                    + FspiopDateTime.format(w.expiresAt())),
                    moved -> List.of(RequestSwitchMessages.transactionRequest(moved))));
        }
        return emits;
    }

    /** The payer FSP's {@code PUT /transactionRequests/{id}}: RECEIVED, REJECTED, or an error. */
    List<Emit> answered(TransactionRequest r, boolean error, JsonNode body) throws SQLException {
        if (error) {
            Failure info = errorOf(body);
            RequestState to = expired(info.errorCode()) ? RequestState.EXPIRED : RequestState.FAILED;
            return endWaiting(r, to, "ANSWER", info.errorCode(), info.errorDescription());
        }
        String state = body.path("transactionRequestState").asText();
        switch (state) {
            case "RECEIVED", "PENDING", "ACCEPTED" -> {
                if (r.state() != RequestState.SENT) {
                    return List.of();
                }
                return journal.move(r, RequestState.SENT, StateChange.to(RequestState.AWAITING_PAYMENT, "ANSWER")
                        .deadline(r.expiresAt().plus(settings.paymentGrace())).detail(r.payerFsp() + " answered " + state), moved -> List.of());
            }
            case "REJECTED" -> {
                String code = extension(body, RequestSwitchMessages.CODE_KEY);
                String reason = extension(body, RequestSwitchMessages.DESCRIPTION_KEY);
                code = code == null ? FspiopErrorCode.PAYER_REJECTED_TXN_REQUEST.code() : code;
                return endWaiting(r, expired(code) ? RequestState.EXPIRED : RequestState.REFUSED, "ANSWER", code,
                        reason == null ? "Rejected by " + r.payerFsp() : reason);
            }
            default -> {
                LOG.warn("Request {} of {}: {} answered state '{}', which is not one of FSPIOP's: ignored", r.requestId(), r.tenant(),
                        r.payerFsp(), state);
                return List.of();
            }
        }
    }

    /** The payee flow quoted the transaction that pays the request: the payment is on its way. */
    List<Emit> quoted(PayeeEvent event) throws SQLException {
        Optional<TransactionRequest> found = store().find(event.tenant(), event.transactionRequestId(), RequestRole.PAYEE);
        if (found.isEmpty()) {
            LOG.info("Quote {} of {} names request {}, which this tenant never sent", event.quoteId(), event.tenant(),
                    event.transactionRequestId());
            return List.of();
        }
        TransactionRequest r = found.get();
        if (r.state() == RequestState.PAID) {
            return List.of();
        }
        StateChange<RequestState> change = StateChange.to(r.state() == RequestState.SENT ? RequestState.AWAITING_PAYMENT : r.state(), "QUOTED")
                .set("transaction_id", event.transactionId()).detail("quote " + event.quoteId() + " of transaction "
                        + event.transactionId());
        if (r.state() == RequestState.SENT || r.state() == RequestState.AWAITING_PAYMENT) {
            Instant wait = store().now().plus(settings.paymentGrace());
            change.deadline(r.deadline() != null && r.deadline().isAfter(wait) ? r.deadline() : wait);
        }
        return journal.move(r, r.state(), change, moved -> List.of());
    }

    /** The payee flow credited a transfer: if its transaction pays one of the tenant's requests, that request is PAID. */
    List<Emit> credited(PayeeEvent event) throws SQLException {
        Optional<TransactionRequest> found = store().findByTransaction(event.tenant(), event.transactionId());
        if (found.isEmpty() || found.get().state() == RequestState.PAID) {
            return List.of();
        }
        TransactionRequest r = found.get();
        if (r.state().isFinal()) {
            LOG.warn("Request {} of {} was {} when its payment arrived: it is PAID", r.requestId(), r.tenant(), r.state());
        }
        BigDecimal received = event.amount();
        return journal.move(r, r.state(), StateChange.to(RequestState.PAID, "PAID").set("transfer_id", event.transferId())
                .set("amount_received", received).failure(null, null).deadline(null)
                .detail(received.toPlainString() + " " + event.currency() + " credited by transfer " + event.transferId()), moved -> List.of());
    }

    /** A payee's request whose wait has ended. */
    List<Emit> deadlinePassed(TransactionRequest r) throws SQLException {
        return switch (r.state()) {
            case RECEIVED -> journal.move(r, RequestState.RECEIVED, StateChange.to(RequestState.RECEIVED, null)
                    .deadline(store().now().plus(settings.stalledAfter())), moved -> List.of(RequestMessages.step(moved)));
            case LOOKUP_SENT -> settings.lookupWait().mayResend(r.attempts())
                    ? resend(r, settings.lookupWait(), "LOOKUP", "GET /parties/" + r.payer(), RequestSwitchMessages.lookupPayer(r))
                    : fail(r, RequestState.LOOKUP_SENT, "LOOKUP", FspiopErrorCode.SERVER_TIMED_OUT.code(),
                            "No answer to the lookup of " + r.payer());
            case SENT -> settings.answerWait().mayResend(r.attempts())
                    ? resend(r, settings.answerWait(), "REQUEST", "POST /transactionRequests " + r.requestId(),
                            RequestSwitchMessages.transactionRequest(r))
                    : fail(r, RequestState.SENT, "REQUEST", FspiopErrorCode.SERVER_TIMED_OUT.code(),
                            r.payerFsp() + " did not answer the request");
            case AWAITING_PAYMENT -> journal.end(r, RequestState.AWAITING_PAYMENT, RequestState.EXPIRED, "EXPIRY",
                    FspiopErrorCode.TXN_REQUEST_EXPIRED.code(), "Not paid by " + FspiopDateTime.format(r.expiresAt()),
                    moved -> List.of());
            default -> List.of();
        };
    }

    /** The request the payee's request to pay waits for, sent again as it was (the journal holds everything it is made of). */
    private List<Emit> resend(TransactionRequest r, AnswerWait wait, String step, String request, Emit again) throws SQLException {
        return journal.move(r, r.state(), wait.resend(r.state(), step, r.attempts(), store().now(), request), moved -> List.of(again));
    }

    private List<Emit> endWaiting(TransactionRequest r, RequestState to, String step, String code, String reason) throws SQLException {
        if (r.state() != RequestState.SENT && r.state() != RequestState.AWAITING_PAYMENT) {
            LOG.info("Request {} of {} is {}: answer {} {} ignored", r.requestId(), r.tenant(), r.state(), code, reason);
            return List.of();
        }
        return journal.end(r, r.state(), to, step, code, reason, moved -> List.of());
    }

    private List<Emit> fail(TransactionRequest r, RequestState from, String step, String code, String reason) throws SQLException {
        return journal.end(r, from, RequestState.FAILED, step, code, reason, moved -> List.of());
    }

    private static boolean expired(String code) {
        return code != null && code.startsWith("33");
    }

    /** The code and description of an error callback, as the peer sent them. */
    private record Failure(String errorCode, String errorDescription) {
    }

    private static Failure errorOf(JsonNode body) {
        JsonNode info = body.path("errorInformation");
        return new Failure(info.path("errorCode").asText("2001"), info.path("errorDescription").asText("No description"));
    }

    private static String extension(JsonNode body, String key) {
        for (JsonNode extension : body.path("extensionList").path("extension")) {
            if (key.equals(extension.path("key").asText())) {
                return extension.path("value").asText(null);
            }
        }
        return null;
    }

    private TransactionRequestStore store() {
        return journal.store();
    }
}
