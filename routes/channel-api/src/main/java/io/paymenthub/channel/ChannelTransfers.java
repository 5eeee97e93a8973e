package io.paymenthub.channel;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferJson;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.payer.TransferState;

/**
 * The channel API's transfer operations, the same over REST and JMS. A tenant only ever sees its
 * own transfers: another tenant's transfer id is answered 404, like one that does not exist.
 */
public class ChannelTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelTransfers.class);
    static final String CREATE_OPERATION = "createTransfer";

    private final PayerTransfers transfers;
    private final ChannelIdempotencyStore idempotency;

    public ChannelTransfers(PayerTransfers transfers, ChannelIdempotencyStore idempotency) {
        this.transfers = transfers;
        this.idempotency = idempotency;
    }

    /**
     * Starts a transfer, once per idempotency key: a repeat with the same body gets the first
     * answer again, with another body 409. A client reference used before with the same parties
     * and amount gives that transfer (200); with others, 409.
     */
    public ChannelResponse create(Tenant tenant, String idempotencyKey, String body) throws SQLException {
        TransferRequest request = TransferRequestReader.read(tenant, body, "transfer");
        return IdempotentCreate.run(idempotency, tenant, idempotencyKey, CREATE_OPERATION, body, () -> {
            PayerTransfers.Started started = transfers.start(tenant, request);
            if (started.created()) {
                LOG.info("Transfer {} of {} accepted: {} {} from {} to {}", started.transfer().transferId(), tenant.name(),
                        request.amount().toPlainString(), request.currency(), request.payer(), request.payee());
                return new ChannelResponse(202, TransferJson.of(started.transfer()).toString(), started.emits());
            }
            if (sameRequest(started.transfer(), request)) {
                return ChannelResponse.of(200, TransferJson.of(started.transfer()).toString());
            }
            return ChannelResponse.error(new ChannelException(409, "CLIENT_REF_CONFLICT", "clientRef " + request.clientRef()
                    + " belongs to transfer " + started.transfer().transferId() + " with other parties or amount"));
        });
    }

    public ChannelResponse get(Tenant tenant, String transferId) throws SQLException {
        return transfers.store().find(tenant.name(), transferId).map(t -> ChannelResponse.of(200, TransferJson.of(t).toString()))
                .orElseThrow(() -> notFound("Transfer " + transferId));
    }

    public ChannelResponse findByClientRef(Tenant tenant, String clientRef) throws SQLException {
        if (clientRef == null || clientRef.isBlank()) {
            throw new ChannelException(400, "VALIDATION", "Give a transfer id in the path or a clientRef query parameter");
        }
        return transfers.store().findByClientRef(tenant.name(), clientRef).map(t -> ChannelResponse.of(200, TransferJson.of(t).toString()))
                .orElseThrow(() -> notFound("No transfer with clientRef " + clientRef));
    }

    /** The payer's answer to the fees of a transfer AWAITING_CONFIRMATION: {@code {"accept":true}} or false. */
    public ChannelResponse confirm(Tenant tenant, String transferId, String body) throws SQLException {
        boolean accept = ChannelBodies.decision(ChannelBodies.json(body), "accept", "{\"accept\":true} or {\"accept\":false}");
        Optional<PayerTransfer> transfer = transfers.store().find(tenant.name(), transferId);
        if (transfer.isEmpty()) {
            throw notFound("Transfer " + transferId);
        }
        List<Emit> emits = transfers.confirm(tenant.name(), transferId, accept);
        PayerTransfer now = transfers.store().find(tenant.name(), transferId).orElseThrow();
        if (emits.isEmpty() && now.state() != TransferState.ABORTED) {
            throw new ChannelException(409, "NOT_AWAITING_CONFIRMATION", "Transfer " + transferId + " is " + now.state()
                    + ", not AWAITING_CONFIRMATION");
        }
        return new ChannelResponse(200, TransferJson.of(now).toString(), emits);
    }

    private static boolean sameRequest(PayerTransfer t, TransferRequest r) {
        return t.payer().equals(r.payer()) && t.payee().equals(r.payee()) && t.amount().compareTo(r.amount()) == 0
                && t.currency().equals(r.currency()) && t.scenario().equals(r.scenario());
    }

    private static ChannelException notFound(String what) {
        return new ChannelException(404, "TRANSFER_NOT_FOUND", what + " is not a transfer of this tenant");
    }
}
