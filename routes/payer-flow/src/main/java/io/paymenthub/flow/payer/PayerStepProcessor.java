package io.paymenthub.flow.payer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.FeeQuote;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.QuoteBooking;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.RunOn;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.step.StepRunner;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.FspiopDateTime;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * Runs the step due in the state a step message names: the payer's account checked and the party
 * lookup sent (RECEIVED), the quote sent (PARTY_FOUND; for a batch in FSPIOP bulk, the transfer
 * joins a {@link BulkGroup} instead), the funds put on hold (QUOTED), the transfer sent, or put in
 * its group's bulk transfer (RESERVED), the hold committed (FULFILLED) or released (RELEASING), and returns the
 * {@link Emit}s to send. The step engine runs it on at once after the transition that made it due,
 * so QUOTED, RESERVED and TRANSFER_SENT follow each other in one message's transaction.
 *
 * <p>A core-banking call that fails for now (UNAVAILABLE) throws: the step message then goes to
 * {@code payer.steps}, and the broker redelivers it with its back-off. A redelivered message whose
 * transitions were recorded but whose sends were rolled back sends the request the transfer waits
 * for again (the switch treats it as a resend).
 */
public class PayerStepProcessor implements StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PayerStepProcessor.class);

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final PayerJournal journal;
    private final PayerFlowSettings settings;
    private final BulkGroups bulkGroups;

    public PayerStepProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayerTransferStore store,
                              PayerFlowSettings settings, BulkGroups bulkGroups) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.journal = new PayerJournal(store);
        this.settings = settings;
        this.bulkGroups = bulkGroups;
        bulkGroups.runMemberStepsWith(new RunOn(PayerMessages.STEPS, this));
    }

    @Override
    public List<Emit> run(Map<String, Object> headers, boolean redelivered) throws Exception {
        String transferId = (String) headers.get(PayerMessages.TRANSFER_ID);
        TransferState asked = TransferState.valueOf((String) headers.get(PayerMessages.STATE));
        Optional<PayerTransfer> found = journal.store().find(transferId);
        if (found.isEmpty()) {
            LOG.warn("Step {} for transfer {}, which is not in the journal: dropped", asked, transferId);
            return List.of();
        }
        PayerTransfer transfer = found.get();
        if (transfer.state() != asked) {
            return redelivered ? resendAfter(transfer, bulkGroups) : List.of();
        }
        return run(transfer);
    }

    private List<Emit> run(PayerTransfer t) throws Exception {
        Optional<Tenant> tenant = tenants.byName(t.tenant());
        if (tenant.isEmpty()) {
            LOG.error("Transfer {} is for tenant {}, which is no longer served: it stays {} until the tenant is back",
                    t.transferId(), t.tenant(), t.state());
            throw new IllegalStateException("Tenant " + t.tenant() + " is not served");
        }
        AccountSystem accounts = accountSystems.forTenant(tenant.get());
        return switch (t.state()) {
            case RECEIVED -> lookup(t, tenant.get(), accounts);
            case PARTY_FOUND -> quote(t, tenant.get(), accounts);
            case QUOTED -> reserve(t, tenant.get(), accounts);
            case RESERVED -> t.routing() == PayerTransfer.Routing.ON_US ? creditOnUs(t)
                    : t.bulkQuoteId() != null ? bulkGroups.onHold(t) : sendTransfer(t);
            case FULFILLED -> commit(t, tenant.get(), accounts);
            case RELEASING -> release(t, tenant.get(), accounts);
            default -> List.of();
        };
    }

    /**
     * The payer's account must exist, be active and hold the currency before the switch is asked
     * anything. A batch's item comes with its batch's account, checked once for the whole batch at
     * upload: its transfer goes straight to the lookup (the hold, later, still checks the funds and
     * the account's state).
     */
    private List<Emit> lookup(PayerTransfer t, Tenant tenant, AccountSystem accounts) throws Exception {
        if (t.batchId() != null && t.payerAccount() != null) {
            return sendLookup(t, t.payerAccount());
        }
        PartyAccount account;
        AccountHolder holder;
        try {
            account = accounts.lookupParty(tenant, t.payer());
            holder = accounts.account(tenant, account.accountId());
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            return journal.abort(t, TransferState.RECEIVED, "PAYER_ACCOUNT", e.error().fspiopCode(Role.PAYER),
                    "Payer " + t.payer() + ": " + e.getMessage());
        }
        if (!holder.currency().equals(t.currency())) {
            return journal.abort(t, TransferState.RECEIVED, "PAYER_ACCOUNT", FspiopErrorCode.PAYER_UNSUPPORTED_CURRENCY.code(),
                    "The payer's account is in " + holder.currency() + ", not " + t.currency());
        }
        if (!holder.isActive()) {
            return journal.abort(t, TransferState.RECEIVED, "PAYER_ACCOUNT", FspiopErrorCode.PAYER_ERROR.code(),
                    "The payer's account is " + holder.status());
        }
        return sendLookup(t, account.accountId());
    }

    private List<Emit> sendLookup(PayerTransfer t, String payerAccount) throws Exception {
        return journal.move(t, TransferState.RECEIVED, StateChange.to(TransferState.LOOKUP_SENT, "LOOKUP")
                        .set("payer_account", payerAccount).set("attempts", 0).deadline(settings.lookupWait().deadline(now()))
                        .detail("GET /parties/" + t.payee()),
                moved -> List.of(SwitchRequests.lookup(moved)));
    }

    private List<Emit> quote(PayerTransfer t, Tenant tenant, AccountSystem accounts) throws Exception {
        Optional<Tenant> payeeTenant = tenants.byFspId(t.payeeFsp());
        if (payeeTenant.isPresent() && tenant.settings().onUsRouting() == Tenant.OnUsRouting.DIRECT) {
            return quoteOnUs(t, tenant, accounts, payeeTenant.get());
        }
        if (BulkGroups.takes(t, tenant)) {
            return bulkGroups.join(t, tenant);
        }
        String quoteId = UUID.randomUUID().toString();
        return journal.move(t, TransferState.PARTY_FOUND, StateChange.to(TransferState.QUOTE_SENT, "QUOTE")
                        .set("quote_id", quoteId).set("routing", PayerTransfer.Routing.SWITCH)
                        .set("attempts", 0).deadline(settings.quoteWait().deadline(now()))
                        .detail("POST /quotes " + quoteId + " to " + t.payeeFsp()),
                moved -> List.of(SwitchRequests.quote(moved)));
    }

    /**
     * The payee is a customer of a tenant of this hub and the payer's tenant books such transfers
     * directly: both fees come from the two tenants' core banking, and no switch is involved.
     */
    private List<Emit> quoteOnUs(PayerTransfer t, Tenant tenant, AccountSystem accounts, Tenant payeeTenant) throws Exception {
        AccountSystem payeeAccounts = accountSystems.forTenant(payeeTenant);
        String quoteId = UUID.randomUUID().toString();
        TransactionType type = t.transactionType();
        PartyAccount payeeAccount;
        FeeQuote payeeFee;
        try {
            payeeAccount = payeeAccounts.lookupParty(payeeTenant, t.payee());
            AccountHolder holder = payeeAccounts.account(payeeTenant, payeeAccount.accountId());
            if (!holder.currency().equals(t.currency())) {
                return journal.abort(t, TransferState.PARTY_FOUND, "QUOTE", FspiopErrorCode.PAYEE_UNSUPPORTED_CURRENCY.code(),
                        "The payee's account is in " + holder.currency() + ", not " + t.currency());
            }
            if (!holder.isActive()) {
                return journal.abort(t, TransferState.PARTY_FOUND, "QUOTE", FspiopErrorCode.PAYEE_ERROR.code(),
                        "The payee's account is " + holder.status());
            }
            payeeFee = payeeAccounts.quote(payeeTenant, new QuoteBooking(t.transactionId(), quoteId, payeeAccount.accountId(), t.money(),
                    "RECEIVE", Role.PAYEE, type));
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            return journal.abort(t, TransferState.PARTY_FOUND, "QUOTE", e.error().fspiopCode(Role.PAYEE), "Payee " + t.payee() + ": "
                    + e.getMessage());
        }
        Money transferAmount = t.money().plus(payeeFee.fee());
        FeeQuote payerFee;
        try {
            payerFee = accounts.quote(tenant, new QuoteBooking(t.transactionId(), quoteId, t.payerAccount(), transferAmount, "SEND",
                    Role.PAYER, type));
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            return journal.abort(t, TransferState.PARTY_FOUND, "PAYER_FEE", e.error().fspiopCode(Role.PAYER), e.getMessage());
        }
        // A batch was approved as a whole: its items are not confirmed one by one.
        boolean confirm = tenant.settings().payerConfirmation() && t.batchId() == null;
        Instant validUntil = now().plus(settings.transferExpiry());
        StateChange<TransferState> change = StateChange.to(confirm ? TransferState.AWAITING_CONFIRMATION : TransferState.QUOTED, "QUOTE")
                .set("quote_id", quoteId).set("routing", PayerTransfer.Routing.ON_US).set("payee_account", payeeAccount.accountId())
                .set("transfer_amount", transferAmount.amount()).set("payee_fee", payeeFee.fee().amount()).set("payer_fee", payerFee.fee().amount())
                .set("expires_at", validUntil).deadline(confirm ? validUntil : null)
                .detail("on-us with " + payeeTenant.name() + ": payee fee " + payeeFee.fee().amount().toPlainString() + ", payer fee "
                        + payerFee.fee().amount().toPlainString() + " " + t.currency());
        // The payee's tenant learns, as from a quote through the switch, which transaction pays its request to pay.
        List<Emit> payeeEvents = t.transactionRequestId() == null ? List.of()
                : List.of(PayeeEvent.quoted(payeeTenant.name(), t.transactionId(), t.transactionRequestId(), quoteId).emit());
        return journal.move(t, TransferState.PARTY_FOUND, change, moved -> confirm ? payeeEvents
                : concat(payeeEvents, PayerMessages.step(moved, moved.state())));
    }

    private List<Emit> reserve(PayerTransfer t, Tenant tenant, AccountSystem accounts) throws Exception {
        try {
            accounts.reserve(tenant, PayerJournal.payerBooking(t));
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            // Whatever was refused, a release makes sure that nothing stays on hold.
            return journal.release(t, TransferState.QUOTED, "RESERVE", e.error().fspiopCode(Role.PAYER), e.getMessage());
        }
        return journal.moveToStep(t, TransferState.QUOTED, StateChange.to(TransferState.RESERVED, "RESERVE")
                .detail(t.payerDebit().toPlainString() + " " + t.currency() + " on hold on " + t.payerAccount()));
    }

    /** On-us: the payee is credited in its tenant's core banking; the payer's hold is then committed. */
    private List<Emit> creditOnUs(PayerTransfer t) throws Exception {
        Optional<Tenant> payeeTenant = tenants.byFspId(t.payeeFsp());
        if (payeeTenant.isEmpty()) {
            return journal.release(t, TransferState.RESERVED, "CREDIT", FspiopErrorCode.PAYEE_FSP_ID_NOT_FOUND.code(),
                    "The payee's tenant " + t.payeeFsp() + " is no longer served");
        }
        try {
            accountSystems.forTenant(payeeTenant.get()).deposit(payeeTenant.get(), new TransferBooking(t.transactionId(), t.transferId(),
                    t.payeeAccount(), t.money(), null, null, Role.PAYEE, t.transactionType(), t.note()));
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            return journal.release(t, TransferState.RESERVED, "CREDIT", e.error().fspiopCode(Role.PAYEE), e.getMessage());
        }
        Emit credited = PayeeEvent.credited(payeeTenant.get().name(), t.transactionId(), t.transferId(), t.amount(), t.currency())
                .emit();
        return journal.move(t, TransferState.RESERVED, StateChange.to(TransferState.FULFILLED, "CREDIT")
                .detail(t.amount().toPlainString() + " " + t.currency() + " credited to " + t.payeeAccount() + " of "
                        + payeeTenant.get().name() + " (on-us)"), moved -> List.of(credited, PayerMessages.step(moved, moved.state())));
    }

    private List<Emit> sendTransfer(PayerTransfer t) throws Exception {
        Instant expiration = now().plus(settings.transferExpiry());
        return journal.move(t, TransferState.RESERVED, StateChange.to(TransferState.TRANSFER_SENT, "TRANSFER")
                        .set("expires_at", expiration).deadline(expiration.plus(settings.expiryGrace()))
                        .detail("POST /transfers to " + t.payeeFsp() + ", expiring " + FspiopDateTime.format(expiration)),
                moved -> List.of(SwitchRequests.transfer(moved)));
    }

    private List<Emit> commit(PayerTransfer t, Tenant tenant, AccountSystem accounts) throws Exception {
        try {
            accounts.commit(tenant, PayerJournal.payerBooking(t));
        } catch (AccountSystemException e) {
            if (e.error().isTransient()) {
                throw e;
            }
            // The switch committed: the payee has been paid. Only an operator can settle this.
            LOG.error("Transfer {} was committed by the switch but the payer's debit failed: {}", t.transferId(), e.getMessage());
            return journal.move(t, TransferState.FULFILLED, StateChange.to(TransferState.UNKNOWN, "COMMIT")
                    .failure(e.error().fspiopCode(Role.PAYER), "Committed by the switch, payer debit failed: " + e.getMessage())
                    .detail(e.getMessage()), moved -> List.of());
        }
        return journal.move(t, TransferState.FULFILLED, StateChange.to(TransferState.COMMITTED, "COMMIT")
                .detail(t.payerDebit().toPlainString() + " " + t.currency() + " debited from " + t.payerAccount()), moved -> List.of());
    }

    private List<Emit> release(PayerTransfer t, Tenant tenant, AccountSystem accounts) throws Exception {
        String detail = "hold released";
        if (t.payerAccount() != null && t.transferAmount() != null) {
            try {
                accounts.release(tenant, PayerJournal.payerBooking(t));
            } catch (AccountSystemException e) {
                if (e.error().isTransient()) {
                    throw e;
                }
                if (e.error() != AccountSystemError.HOLD_NOT_FOUND) {
                    LOG.error("Transfer {}: the payer's hold could not be released: {}", t.transferId(), e.getMessage());
                    return journal.move(t, TransferState.RELEASING, StateChange.to(TransferState.UNKNOWN, "RELEASE")
                            .detail("release failed: " + e.getMessage()), moved -> List.of());
                }
                detail = "no hold to release";
            }
        }
        return journal.move(t, TransferState.RELEASING, StateChange.to(TransferState.ABORTED, "RELEASE").detail(detail),
                moved -> List.of());
    }

    /**
     * For a redelivery whose transitions were recorded but whose sends were rolled back: the request
     * the transfer now waits for is sent again (the switch takes it for a resend), the step now due
     * asked for, or the news of its final state sent again.
     */
    private static List<Emit> resendAfter(PayerTransfer t, BulkGroups bulkGroups) throws Exception {
        return switch (t.state()) {
            case LOOKUP_SENT -> List.of(SwitchRequests.lookup(t));
            case QUOTE_SENT -> List.of(SwitchRequests.quote(t));
            case TRANSFER_SENT -> List.of(SwitchRequests.transfer(t));
            case IN_BULK_QUOTE, IN_BULK_TRANSFER -> bulkGroups.resendFor(t);
            default -> TransferState.STEPS.contains(t.state()) ? List.of(PayerMessages.step(t, t.state())) : PayerJournal.news(t);
        };
    }

    private static List<Emit> concat(List<Emit> emits, Emit last) {
        List<Emit> all = new ArrayList<>(emits);
        all.add(last);
        return all;
    }

    private Instant now() {
        return journal.store().now();
    }
}
