package io.paymenthub.flow.payer;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.route.LogContext;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;

/**
 * The transitions the payer flow's processors share: record first, then say what to send; a
 * transition another node (or a callback) made first sends nothing.
 */
class PayerJournal {

    private static final Logger LOG = LoggerFactory.getLogger(PayerJournal.class);

    private final PayerTransferStore store;

    PayerJournal(PayerTransferStore store) {
        this.store = store;
    }

    PayerTransferStore store() {
        return store;
    }

    /**
     * Moves the transfer and returns the messages {@code next} builds from its new record, plus the
     * tenant's notification when the new state is final or needs the channel.
     */
    List<Emit> move(PayerTransfer transfer, TransferState from, StateChange<TransferState> change, Function<PayerTransfer, List<Emit>> next)
            throws SQLException {
        Optional<PayerTransfer> found = store.move(transfer.transferId(), from, change);
        if (found.isEmpty()) {
            LOG.info("Transfer {} had already left {}: {} not applied here", transfer.transferId(), from, change.step());
            return List.of();
        }
        PayerTransfer moved = found.get();
        LogContext.transfer(moved.tenant(), moved.transferId());
        LOG.info("Transfer {} of {}: {} -> {}{}", moved.transferId(), moved.tenant(), from, moved.state(),
                change.detailText() == null ? "" : " (" + change.detailText() + ")");
        if (moved.state().isFinal()) {
            store.metrics().ended(HubMetrics.PAYER_TRANSFER, moved.tenant(), moved.state().name(),
                    Duration.between(moved.createdAt(), moved.updatedAt()));
        }
        List<Emit> emits = new ArrayList<>(next.apply(moved));
        emits.addAll(news(moved));
        return emits;
    }

    /**
     * What others are told of a transfer in a final state (or awaiting the payer's confirmation): the
     * tenant's channels, or the batch whose item it pays; and the request to pay it pays. Sent with
     * the transition, and again for a redelivered message that finds the transition recorded (the
     * hub stopped before the news went out): the news is sent at least once.
     */
    static List<Emit> news(PayerTransfer t) {
        List<Emit> emits = new ArrayList<>();
        // A batch's item is told to its batch, which notifies the channel of the batch as a whole.
        if (t.batchId() != null) {
            if (t.state().isFinal()) {
                emits.add(PayerMessages.ended(t, PayerMessages.BATCH_PAYMENTS));
            }
        } else if (t.state().isFinal() || t.state() == TransferState.AWAITING_CONFIRMATION) {
            emits.add(PayerMessages.notification(t));
        }
        if (t.state().isFinal() && t.transactionRequestId() != null) {
            emits.add(PayerMessages.ended(t, PayerMessages.REQUEST_PAYMENTS));
        }
        return emits;
    }

    /** Moves to the state whose step runs next, and asks for that step. */
    List<Emit> moveToStep(PayerTransfer transfer, TransferState from, StateChange<TransferState> change) throws SQLException {
        return move(transfer, from, change, moved -> List.of(PayerMessages.step(moved, moved.state())));
    }

    /** Ends a transfer that holds no funds yet. */
    List<Emit> abort(PayerTransfer transfer, TransferState from, String step, String code, String reason) throws SQLException {
        return move(transfer, from, StateChange.to(TransferState.ABORTED, step).failure(code, reason).detail(code + " " + reason),
                moved -> List.of());
    }

    /** Sends a transfer whose funds may be on hold to the release step. */
    List<Emit> release(PayerTransfer transfer, TransferState from, String step, String code, String reason) throws SQLException {
        return moveToStep(transfer, from, StateChange.to(TransferState.RELEASING, step).failure(code, reason)
                .detail(code + " " + reason));
    }

    /** The payer's side of the transfer as core banking books it: the transfer amount, and the payer's fee on top. */
    static TransferBooking payerBooking(PayerTransfer t) {
        return new TransferBooking(t.transactionId(), t.transferId(), t.payerAccount(), new Money(t.transferAmount(), t.currency()),
                new Money(t.payerFee() == null ? java.math.BigDecimal.ZERO : t.payerFee(), t.currency()), null, Role.PAYER,
                t.transactionType(), t.note());
    }
}
