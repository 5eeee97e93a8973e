package io.paymenthub.flow.request;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.metrics.HubMetrics;
import io.paymenthub.core.route.LogContext;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransferStore;

/**
 * The transitions both sides share: record first, then say what to send, and tell the tenant's
 * channels when the request reaches a state they act on or a final one. A transition another node
 * (or a callback) made first sends nothing.
 */
public class RequestJournal {

    /** What a transition leads to, built from the request as recorded. */
    @FunctionalInterface
    interface Next {
        List<Emit> after(TransactionRequest moved) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RequestJournal.class);

    private final TransactionRequestStore store;
    private final PayerTransferStore transfers;

    public RequestJournal(TransactionRequestStore store, PayerTransferStore transfers) {
        this.store = store;
        this.transfers = transfers;
    }

    public TransactionRequestStore store() {
        return store;
    }

    List<Emit> move(TransactionRequest r, RequestState from, StateChange<RequestState> change, Next next) throws SQLException {
        Optional<TransactionRequest> found = store.move(r, from, change);
        if (found.isEmpty()) {
            LOG.info("Request {} of {} had already left {}: {} not applied here", r.requestId(), r.tenant(), from, change.step());
            return List.of();
        }
        TransactionRequest moved = found.get();
        LogContext.request(moved.tenant(), moved.requestId());
        List<Emit> emits = new ArrayList<>(next.after(moved));
        if (from != moved.state()) {
            LOG.info("Request {} of {} ({}): {} -> {}{}", moved.requestId(), moved.tenant(), moved.role(), from, moved.state(),
                    change.detailText() == null ? "" : " (" + change.detailText() + ")");
            if (moved.state().isFinal() || moved.state() == RequestState.AWAITING_PAYER) {
                emits.add(notification(moved));
            }
            if (moved.state().isFinal()) {
                // Per role: an on-us request is one record on each side.
                store.metrics().ended(HubMetrics.REQUEST_TO_PAY + "-" + moved.role().name().toLowerCase(Locale.ROOT), moved.tenant(),
                        moved.state().name(), Duration.between(moved.createdAt(), moved.updatedAt()));
            }
        }
        return emits;
    }

    /** Ends the request with a failure code and reason. */
    List<Emit> end(TransactionRequest r, RequestState from, RequestState to, String step, String code, String reason, Next next)
            throws SQLException {
        return move(r, from, StateChange.to(to, step).failure(code, reason).deadline(null).detail(code + " " + reason), next);
    }

    /**
     * For a message delivered again that changed nothing: the channel's news of the request's state,
     * when it is one channels are told of (the first may have been lost with a stop). At least once.
     */
    List<Emit> newsAgain(String tenant, String requestId, RequestRole role) throws SQLException {
        Optional<TransactionRequest> r = store.find(tenant, requestId, role);
        if (r.isEmpty() || !(r.get().state().isFinal() || r.get().state() == RequestState.AWAITING_PAYER)) {
            return List.of();
        }
        return List.of(notification(r.get()));
    }

    Emit notification(TransactionRequest r) throws SQLException {
        return RequestMessages.notification(r, json(r).toString());
    }

    /** The request as channels see it, with the payer's transfer on the payer's side. */
    public ObjectNode json(TransactionRequest r) throws SQLException {
        Optional<PayerTransfer> transfer = r.role() == RequestRole.PAYER && r.transferId() != null ? transfers.find(r.transferId())
                : Optional.empty();
        return RequestJson.of(r, transfer);
    }
}
