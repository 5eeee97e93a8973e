package io.paymenthub.flow.payer;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.paymenthub.core.schema.SqlValues;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;

/**
 * What channels and operators do with payers' transfers: start one, confirm or decline its quote,
 * resolve an UNKNOWN one. Each call records the transition and returns the messages to send; the
 * caller sends them (if that fails, the stalled-step check sends the step again).
 */
public class PayerTransfers {

    /** Outcome of {@link #start}: the transfer, and whether it is new (else: same client reference as before). */
    public record Started(PayerTransfer transfer, boolean created, List<Emit> emits) {
    }

    /** What an operator found out about an UNKNOWN transfer. */
    public enum Resolution { COMMITTED, ABORTED }

    private final PayerTransferStore store;
    private final PayerJournal journal;

    public PayerTransfers(PayerTransferStore store) {
        this.store = store;
        this.journal = new PayerJournal(store);
    }

    public PayerTransferStore store() {
        return store;
    }

    /** Records a transfer asked for by a tenant's channel. A client reference used before returns that transfer instead. */
    public Started start(Tenant tenant, TransferRequest request) throws SQLException {
        return start(tenant, request, UUID.randomUUID().toString());
    }

    /**
     * Records a transfer under an id chosen beforehand (a request to pay names the transfer that pays
     * it before it is recorded): a second call with the same id returns the transfer recorded first.
     */
    public Started start(Tenant tenant, TransferRequest request, String transferId) throws SQLException {
        return start(tenant, request, transferId, null);
    }

    /**
     * As {@link #start(Tenant, TransferRequest, String)}, for a bulk batch's item: {@code payerAccount}, when not null, is
     * the payer's account as the batch's own check found it in the tenant's core banking, and the transfer debits it
     * without looking the payer up again. Never a channel's word: a channel names its payer, the hub finds the account.
     */
    public Started start(Tenant tenant, TransferRequest request, String transferId, String payerAccount) throws SQLException {
        // No read first: a transfer id seen before (a redelivery, another node) is the rare case, told by its key's violation.
        PayerTransfer transfer = PayerTransfer.requested(transferId, tenant.name(), tenant.fspId(), request, payerAccount,
                UUID.randomUUID().toString(), store.now());
        Optional<PayerTransfer> created;
        try {
            created = store.record(transfer);
        } catch (SQLException e) {
            Optional<PayerTransfer> recorded = SqlValues.isConstraintViolation(e) ? store.find(transferId) : Optional.empty();
            if (recorded.isPresent()) {
                return new Started(recorded.get(), false, List.of()); // recorded before, or by another node first
            }
            throw e;
        }
        if (created.isEmpty()) {
            PayerTransfer earlier = store.findByClientRef(tenant.name(), request.clientRef()).orElseThrow();
            return new Started(earlier, false, List.of());
        }
        return new Started(created.get(), true, List.of(PayerMessages.step(created.get(), TransferState.RECEIVED)));
    }

    /**
     * The payer's answer to the quote of a transfer AWAITING_CONFIRMATION.
     *
     * @return the messages to send; empty when the transfer was not waiting (see its state)
     */
    public List<Emit> confirm(String tenant, String transferId, boolean accept) throws SQLException {
        Optional<PayerTransfer> found = store.find(tenant, transferId);
        if (found.isEmpty() || found.get().state() != TransferState.AWAITING_CONFIRMATION) {
            return List.of();
        }
        PayerTransfer t = found.get();
        if (accept) {
            return journal.moveToStep(t, TransferState.AWAITING_CONFIRMATION,
                    StateChange.to(TransferState.QUOTED, "CONFIRMATION").deadline(null).detail("accepted by the payer"));
        }
        return journal.abort(t, TransferState.AWAITING_CONFIRMATION, "CONFIRMATION", "4100", "Declined by the payer");
    }

    /**
     * An operator's resolution of an UNKNOWN transfer, after learning its outcome from the switch:
     * COMMITTED debits the held funds, ABORTED releases them.
     */
    public List<Emit> resolve(String transferId, Resolution resolution, String operatorNote) throws SQLException {
        PayerTransfer t = unknown(transferId);
        String note = "resolved " + resolution + " by an operator" + (operatorNote == null ? "" : ": " + operatorNote);
        if (resolution == Resolution.COMMITTED) {
            refuseCommitAfterRelease(t, "committing it");
            return journal.moveToStep(t, TransferState.UNKNOWN, StateChange.to(TransferState.FULFILLED, "RESOLVE")
                    .failure(null, null).detail(note));
        }
        return journal.release(t, TransferState.UNKNOWN, "RESOLVE", t.failureCode(), note);
    }

    /**
     * Asks the switch again for the outcome of an UNKNOWN transfer, as the flow asked it after the
     * transfer expired: the transfer waits in STATUS_REQUESTED, the flow's deadline check sends
     * {@code GET /transfers/{id}} at once and up to {@code statusQueries} times, and the switch's
     * answer settles it (COMMITTED debits the held funds, an error releases them); unanswered, it is
     * UNKNOWN again. The transfer's history keeps who asked, and why.
     */
    public void askSwitch(String transferId, String who, String operatorNote) throws SQLException {
        PayerTransfer t = unknown(transferId);
        refuseCommitAfterRelease(t, "asking the switch, whose answer may be COMMITTED,");
        String note = "the switch asked again by " + who + (operatorNote == null ? "" : ": " + operatorNote);
        if (!store.transition(transferId, TransferState.UNKNOWN, StateChange.to(TransferState.STATUS_REQUESTED, "ASK_SWITCH")
                .set("attempts", 0).deadline(store.now()).failure(null, null).detail(note))) {
            throw new IllegalStateException("Transfer " + transferId + " moved on meanwhile: hub:transfer " + transferId + " shows where");
        }
    }

    private PayerTransfer unknown(String transferId) throws SQLException {
        return store.find(transferId).filter(found -> found.state() == TransferState.UNKNOWN)
                .orElseThrow(() -> new IllegalStateException("Transfer " + transferId + " is not UNKNOWN"));
    }

    /** Fineract debits on CREATE even after a RELEASE: a transfer whose hold the hub set out to release is never committed. */
    private void refuseCommitAfterRelease(PayerTransfer t, String what) throws SQLException {
        if (store.steps(t.transferId()).stream().anyMatch(step -> TransferState.RELEASING.name().equals(step.outcome()))) {
            throw new IllegalStateException("Transfer " + t.transferId() + " had its hold released (or a release tried): " + what
                    + " could debit money no longer held. Settle it outside the hub and resolve it ABORTED");
        }
    }
}
