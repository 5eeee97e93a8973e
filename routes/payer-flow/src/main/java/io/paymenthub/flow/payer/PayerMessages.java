package io.paymenthub.flow.payer;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.step.Emit;

/**
 * The queues and JMS properties of the payer flow. A message on {@link #STEPS} wakes a transfer
 * up for the step due in the state it names; the journal, not the message, holds the transfer.
 * The switch's callbacks come back on {@link #REPLIES} with the transferId as correlation, those of a
 * bulk group's messages on {@link #BULK_REPLIES} with the group's id.
 * Final states (and a quote awaiting the payer's confirmation) go to {@link #EVENTS}, from which
 * the channel API notifies the tenant's channels.
 */
public final class PayerMessages {

    public static final String STEPS = "payer.steps";
    public static final String REPLIES = "payer.replies";
    /**
     * The callbacks of bulk groups' messages: applying one asks core banking about each of up to a
     * thousand transfers, which takes seconds; on consumers of their own, they never hold those that
     * single transfers' callbacks wait for.
     */
    public static final String BULK_REPLIES = "payer.bulkReplies";
    public static final String EVENTS = "channel.events";
    /** The final states of transfers that pay a request to pay, for the request flow (same properties as {@link #EVENTS}). */
    public static final String REQUEST_PAYMENTS = "payer.requestPayments";
    /** The final states of transfers that pay an item of a bulk batch, for the bulk flow (same properties). */
    public static final String BATCH_PAYMENTS = "payer.batchPayments";
    /** On a message of {@link #REQUEST_PAYMENTS} or {@link #BATCH_PAYMENTS}: what the transfer pays, and why it failed. */
    public static final String TRANSACTION_REQUEST_ID = "transactionRequestId";
    public static final String BATCH_ID = "batchId";
    /** On a message of {@link #BATCH_PAYMENTS}: the payer's fee, as a decimal string, when one was charged. */
    public static final String PAYER_FEE = "payerFee";
    public static final String FAILURE_CODE = "failureCode";
    public static final String FAILURE_REASON = "failureReason";

    /** The transfer a step message is for. */
    public static final String TRANSFER_ID = "payerTransferId";
    /** The state the transfer was in when its step was asked for. */
    public static final String STATE = "payerState";
    /** On a notification: the tenant and the final state. */
    public static final String TENANT = "hubTenant";
    public static final String FINAL_STATE = "transferState";
    /** On a notification: what it is about, {@value #TRANSFER_EVENT} or a request to pay ({@code request}). */
    public static final String EVENT_TYPE = "hubEvent";
    public static final String TRANSFER_EVENT = "transfer";

    private PayerMessages() {
    }

    /** Asks for the step due in {@code state}; the flow runs it on at once where it can ({@code payer-step} otherwise). */
    public static Emit step(PayerTransfer transfer, TransferState state) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TRANSFER_ID, transfer.transferId());
        headers.put(TENANT, transfer.tenant()); // for the step's log lines
        headers.put(STATE, state.name());
        return ofTransfer(transfer, new Emit(STEPS, headers, ""));
    }

    /** A message of a batch's transfer waits behind single transfers' on its queue ({@link Emit#inBackground}). */
    private static Emit ofTransfer(PayerTransfer transfer, Emit emit) {
        return transfer.batchId() == null ? emit : emit.inBackground();
    }

    /** A request to the switch whose callback comes back to {@link #REPLIES} for this transfer. */
    static Emit toSwitch(PayerTransfer transfer, String method, String path, String resource, String destination, String body) {
        Emit request = OutboundMessage.request(transfer.tenant(), method, path, resource, destination, REPLIES, transfer.transferId(),
                body);
        request.headers().put(TRANSFER_ID, transfer.transferId());
        return ofTransfer(transfer, request);
    }

    /** A bulk message of a group to the switch, whose callback comes back to {@link #BULK_REPLIES} with the group's id. */
    static Emit toSwitch(BulkGroup group, String method, String path, String resource, String body) {
        return OutboundMessage.request(group.tenant(), method, path, resource, group.payeeFsp(), BULK_REPLIES, group.bulkQuoteId(), body)
                .inBackground();
    }

    /** A message of {@link #REQUEST_PAYMENTS} or {@link #BATCH_PAYMENTS}, as the flow that started the transfer reads it. */
    public record Ended(String tenant, String transferId, String finalState, String transactionRequestId, String batchId,
                        BigDecimal payerFee, String failureCode, String failureReason) {

        public static Ended of(Map<String, Object> headers) {
            Object fee = headers.get(PAYER_FEE);
            return new Ended(text(headers, TENANT), text(headers, TRANSFER_ID), text(headers, FINAL_STATE),
                    text(headers, TRANSACTION_REQUEST_ID), text(headers, BATCH_ID), fee == null ? null : new BigDecimal(fee.toString()),
                    text(headers, FAILURE_CODE), text(headers, FAILURE_REASON));
        }

        private static String text(Map<String, Object> headers, String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** Tells the flow that started the transfer (a request to pay's, a batch's) on {@code queue} how it ended ({@link Ended}). */
    static Emit ended(PayerTransfer transfer, String queue) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TENANT, transfer.tenant());
        headers.put(TRANSFER_ID, transfer.transferId());
        headers.put(FINAL_STATE, transfer.state().name());
        if (transfer.transactionRequestId() != null) {
            headers.put(TRANSACTION_REQUEST_ID, transfer.transactionRequestId());
        }
        if (transfer.batchId() != null) {
            headers.put(BATCH_ID, transfer.batchId());
        }
        if (transfer.payerFee() != null) {
            headers.put(PAYER_FEE, transfer.payerFee().toPlainString());
        }
        if (transfer.failureCode() != null) {
            headers.put(FAILURE_CODE, transfer.failureCode());
        }
        if (transfer.failureReason() != null) {
            headers.put(FAILURE_REASON, transfer.failureReason());
        }
        return ofTransfer(transfer, new Emit(queue, headers, ""));
    }

    /** Tells the tenant's channels where the transfer stands. */
    static Emit notification(PayerTransfer transfer) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TENANT, transfer.tenant());
        headers.put(TRANSFER_ID, transfer.transferId());
        headers.put(FINAL_STATE, transfer.state().name());
        headers.put(EVENT_TYPE, TRANSFER_EVENT);
        return ofTransfer(transfer, new Emit(EVENTS, headers, TransferJson.of(transfer).toString()));
    }
}
