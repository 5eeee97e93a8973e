package io.paymenthub.flow.bulk;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.payer.TransferState;
import io.paymenthub.fspiop.FspiopAmount;

/**
 * Bulk disbursement: a tenant's batch of payments from one payer, each row paid by a transfer of
 * the payer flow, at most the batch's concurrency at a time, and followed to its last row. Each
 * call records what changed, then returns the messages to send (the transfers' first steps and the
 * channel's notifications); should sending fail, the deadline check starts the transfers again.
 */
public class BulkBatches {

    private static final Logger LOG = LoggerFactory.getLogger(BulkBatches.class);
    /** The FSPIOP scenario of a disbursement's transfers. */
    static final String SCENARIO = "TRANSFER";

    /** A batch after its approver's decision: whether it was waiting for one, and the messages to send. */
    public record Decided(BulkBatch batch, boolean decided, List<Emit> emits) {
    }

    /** What a submission came to, and the messages to send. */
    public record Submitted(BulkBatchStore.Submission submission, List<Emit> emits) {
    }

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accounts;
    private final BulkBatchStore store;
    private final PayerTransfers transfers;
    private final BulkFlowSettings settings;
    private final HubMetrics metrics;

    public BulkBatches(TenantDirectory tenants, AccountSystemDirectory accounts, BulkBatchStore store, PayerTransfers transfers,
                       BulkFlowSettings settings) {
        this(tenants, accounts, store, transfers, settings, HubMetrics.NONE);
    }

    /** @param metrics where the batches that end are counted, timed from their upload */
    public BulkBatches(TenantDirectory tenants, AccountSystemDirectory accounts, BulkBatchStore store, PayerTransfers transfers,
                       BulkFlowSettings settings, HubMetrics metrics) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.store = store;
        this.transfers = transfers;
        this.settings = settings;
        this.metrics = metrics;
    }

    public BulkBatchStore store() {
        return store;
    }

    public BulkFlowSettings settings() {
        return settings;
    }

    /** Records a batch (or refuses it) and starts its first items. */
    public Submitted submit(Tenant tenant, BatchOrder order, Iterator<BatchRow> rows) throws SQLException {
        // In FSPIOP bulk, a group of transfers goes as one message: the batch keeps two groups' worth in flight, so that the
        // next group fills (its payees looked up) while the one before is quoted and paid.
        int concurrency = Math.max(settings.concurrency(), 2 * tenant.settings().bulk().fspiopMaxTransfers());
        BulkBatchStore.Submission submission = store.submit(order, rows, settings.maxRows(), concurrency,
                tenant.settings().bulk().invalidRows(), settings.reportRows(), tenant.settings().bulk().needsApproval(),
                batch -> tenant.settings().bulk().fundsCheck() ? checkPayer(tenant, batch) : BulkBatchStore.PayerCheck.UNCHECKED);
        if (!(submission instanceof BulkBatchStore.Submission.Accepted accepted)) {
            return new Submitted(submission, List.of());
        }
        BulkBatch batch = accepted.batch();
        LOG.info("Batch {} of {} accepted: {} rows, {} invalid, {} to pay ({} {}) from {}", batch.batchId(), tenant.name(), batch.rows(),
                batch.invalid(), batch.items(), batch.total().toPlainString(), batch.currency(), batch.payer());
        List<Emit> emits = new ArrayList<>(start(tenant, batch, accepted.released()));
        emits.add(BulkMessages.notification(batch, batch.state().isFinal() ? "ENDED"
                : batch.state() == BatchState.AWAITING_APPROVAL ? "AWAITING_APPROVAL" : "STARTED"));
        return new Submitted(submission, emits);
    }

    /**
     * The tenant's approver's decision on a batch AWAITING_APPROVAL.
     *
     * @return the batch as it is now, and the messages to send (none when it was not waiting: see its state)
     */
    public Decided decide(Tenant tenant, String batchId, boolean approve, String approver, String reason) throws SQLException {
        Optional<BulkBatchStore.Progress> progress = store.decide(batchId, approve, approver, reason);
        BulkBatch batch = store.find(tenant.name(), batchId).orElseThrow();
        if (progress.isEmpty()) {
            return new Decided(batch, false, List.of());
        }
        LOG.info("Batch {} of {} {} by {}", batchId, tenant.name(), approve ? "approved" : "rejected", approver);
        List<Emit> emits = new ArrayList<>(start(tenant, batch, progress.get().released()));
        emits.add(BulkMessages.notification(batch, batch.state().isFinal() ? "ENDED" : "STARTED"));
        return new Decided(batch, true, emits);
    }

    /** How the transfer of an item ended, from the payer flow: counted, and the next item started in its place. */
    public List<Emit> transferEnded(String transferId, String finalState, BigDecimal payerFee, String failureCode, String failureReason)
            throws SQLException {
        ItemState to = switch (TransferState.valueOf(finalState)) {
            case COMMITTED -> ItemState.COMPLETED;
            case ABORTED -> ItemState.FAILED;
            case UNKNOWN -> ItemState.UNKNOWN;
            default -> throw new IllegalArgumentException("Transfer " + transferId + " is not final: " + finalState);
        };
        Optional<BulkBatchStore.Progress> progress = store.itemEnded(transferId, to, payerFee, failureCode, failureReason,
                settings.progressStepPercent());
        if (progress.isEmpty()) {
            LOG.debug("Transfer {} {}: no item of a batch changed", transferId, finalState);
            return List.of();
        }
        BulkBatch batch = progress.get().batch();
        Tenant tenant = tenant(batch);
        List<Emit> emits = new ArrayList<>(start(tenant, batch, progress.get().released()));
        if (progress.get().ended()) {
            LOG.info("Batch {} of {} {}: {} completed ({} {}), {} failed, {} unknown, {} invalid", batch.batchId(), batch.tenant(),
                    batch.state(), batch.completed(), batch.completedAmount().toPlainString(), batch.currency(), batch.failed(),
                    batch.unknown(), batch.invalid());
            metrics.ended(HubMetrics.BATCH, batch.tenant(), batch.state().name(),
                    Duration.between(batch.createdAt(), batch.completedAt() == null ? batch.updatedAt() : batch.completedAt()));
            emits.add(BulkMessages.notification(batch, "ENDED"));
        } else if (progress.get().progressStep()) {
            emits.add(BulkMessages.notification(batch, "PROGRESS"));
        }
        return emits;
    }

    /** Starts the transfer of an item released before the hub could record it (the deadline check's find). */
    public List<Emit> startUnstarted(BulkItem item, Instant now) throws SQLException {
        if (!store.touch(item)) {
            return List.of(); // another node, or the item's transfer, moved it meanwhile
        }
        BulkBatch batch = store.find(item.batchId()).orElseThrow();
        LOG.info("Batch {}: the transfer {} of line {} was never recorded; starting it", batch.batchId(), item.transferId(), item.line());
        return start(tenant(batch), batch, List.of(item));
    }

    /**
     * The payer's account, or why it cannot pay the batch as a whole: not this tenant's, not active,
     * in another currency, or an available balance below the batch's total (fees come on top, and
     * each transfer's hold is still what protects the money). Core banking unreachable: the upload
     * fails with it, to be repeated. The account found is the one the batch's transfers debit,
     * without each looking the payer up again.
     */
    private BulkBatchStore.PayerCheck checkPayer(Tenant tenant, BulkBatch batch) {
        if (batch.items() == 0) {
            return BulkBatchStore.PayerCheck.UNCHECKED;
        }
        AccountSystem system = accounts.forTenant(tenant);
        PartyAccount account;
        try {
            account = system.lookupParty(tenant, batch.payer());
        } catch (AccountSystemException e) {
            if (e.error() == AccountSystemError.PARTY_NOT_FOUND) {
                return BulkBatchStore.PayerCheck.refused("the payer " + batch.payer() + " is not an account of " + tenant.name());
            }
            throw e;
        }
        AccountHolder holder = system.account(tenant, account.accountId());
        if (!holder.isActive()) {
            return BulkBatchStore.PayerCheck.refused("the payer's account is " + holder.status());
        }
        if (!holder.currency().equals(batch.currency())) {
            return BulkBatchStore.PayerCheck.refused("the payer's account is in " + holder.currency() + ", the batch in " + batch.currency());
        }
        if (holder.availableBalance().compareTo(batch.total()) < 0) {
            return BulkBatchStore.PayerCheck.refused("the batch's total of " + FspiopAmount.normalise(batch.total()) + " " + batch.currency()
                    + " is above the payer's available balance of " + FspiopAmount.normalise(holder.availableBalance()) + " "
                    + holder.currency() + " (fees come on top)");
        }
        return BulkBatchStore.PayerCheck.payable(account.accountId());
    }

    /** Tells a batch how an item's transfer ended, from the journal (the deadline check's find), when the news was lost. */
    public List<Emit> reportEnd(BulkBatchStore.UnreportedEnd end, Instant now) throws SQLException {
        LOG.info("Batch {}: the transfer {} of line {} ended {} without the batch being told; telling it now", end.item().batchId(),
                end.item().transferId(), end.item().line(), end.transferState());
        return transferEnded(end.item().transferId(), end.transferState(), end.payerFee(), end.failureCode(), end.failureReason());
    }

    /** Records (once: the transfer id was chosen with the row) the transfers that pay the items. */
    private List<Emit> start(Tenant tenant, BulkBatch batch, List<BulkItem> items) throws SQLException {
        List<Emit> emits = new ArrayList<>();
        for (BulkItem item : items) {
            TransferRequest request = new TransferRequest(batch.payer(), PartyId.of(item.payeeIdType(),
                    item.payeeIdValue()), item.amount(), item.currency(), SCENARIO, item.note(), null, null, null, batch.batchId());
            emits.addAll(transfers.start(tenant, request, item.transferId(), batch.payerAccount()).emits());
        }
        return emits;
    }

    private Tenant tenant(BulkBatch batch) {
        return tenants.byName(batch.tenant()).orElseThrow(() -> new IllegalStateException("Tenant " + batch.tenant() + " is not served"));
    }
}
