package io.paymenthub.flow.payer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;

import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.event.PayeeEvent;

/**
 * A message a step sends once its transition is recorded: to the switch (through
 * {@code fspiop.outbound}), to the next step, or to the tenant's notifications. The route sends
 * them in the JMS transaction of the message it took, so they go out only if that one is consumed.
 */
public record Emit(String queue, Map<String, Object> headers, String body) {

    /** Header of the message to send: the queue it goes to. */
    public static final String QUEUE_HEADER = "payerEmitQueue";
    /** The endpoint that sends an exchange {@link #write}s prepared: one way, even from a REST or JMS request-reply. */
    public static final String ENDPOINT = "jms:queue:${header." + QUEUE_HEADER + "}?deliveryPersistent=true&exchangePattern=InOnly";

    /** Turns an exchange whose body is an Emit into the message to send to {@link #ENDPOINT}: only its own headers. */
    public static void write(Exchange exchange) {
        Emit emit = exchange.getMessage().getBody(Emit.class);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().getHeaders().putAll(emit.headers());
        exchange.getMessage().setHeader(QUEUE_HEADER, emit.queue());
        exchange.getMessage().setBody(emit.body());
    }

    public static Emit step(PayerTransfer transfer, TransferState state) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PayerMessages.TRANSFER_ID, transfer.transferId());
        headers.put(PayerMessages.STATE, state.name());
        return new Emit(PayerMessages.STEPS, headers, "");
    }

    /** A request to the switch whose callback comes back to {@link PayerMessages#REPLIES} for this transfer. */
    public static Emit toSwitch(PayerTransfer transfer, String method, String path, String resource, String destination, String body) {
        Emit request = toSwitch(transfer.tenant(), method, path, resource, destination, PayerMessages.REPLIES, transfer.transferId(), body);
        request.headers().put(PayerMessages.TRANSFER_ID, transfer.transferId());
        return request;
    }

    /**
     * A request of a tenant to the switch; with {@code replyTo}, its callback comes back to that
     * queue with {@code correlation} as its {@link OutboundMessage#CORRELATION}.
     */
    public static Emit toSwitch(String tenant, String method, String path, String resource, String destination, String replyTo,
                                String correlation, String body) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(OutboundMessage.TENANT, tenant);
        headers.put(OutboundMessage.METHOD, method);
        headers.put(OutboundMessage.PATH, path);
        headers.put(OutboundMessage.RESOURCE, resource);
        if (destination != null) {
            headers.put(OutboundMessage.DESTINATION, destination);
        }
        if (replyTo != null) {
            headers.put(OutboundMessage.REPLY_TO, replyTo);
            headers.put(OutboundMessage.CORRELATION, correlation);
        }
        return new Emit(OutboundMessage.QUEUE, headers, body == null ? "" : body);
    }

    /**
     * A callback answering a request of the switch ({@code PUT} to its sender, in its version),
     * recorded as that request's answer so that a resend or a {@code GET} gets it again.
     */
    public static Emit answer(String tenant, String path, String resource, String destination, String version, String answersId,
                              String body) {
        Emit callback = toSwitch(tenant, "PUT", path, resource, destination, null, null, body);
        if (version != null) {
            callback.headers().put(OutboundMessage.VERSION, version);
        }
        callback.headers().put(OutboundMessage.ANSWERS_RESOURCE, resource);
        callback.headers().put(OutboundMessage.ANSWERS_ID, answersId);
        return callback;
    }

    /** Tells the payee's tenant of this hub (on-us) what the payee flow tells for a transfer through the switch. */
    public static Emit payeeEvent(PayeeEvent event) {
        return new Emit(PayeeEvent.QUEUE, new LinkedHashMap<>(event.headers()), "");
    }

    /** Tells the request flow how the transfer that pays a request to pay ended. */
    public static Emit requestPayment(PayerTransfer transfer) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PayerMessages.TENANT, transfer.tenant());
        headers.put(PayerMessages.TRANSFER_ID, transfer.transferId());
        headers.put(PayerMessages.FINAL_STATE, transfer.state().name());
        headers.put(PayerMessages.TRANSACTION_REQUEST_ID, transfer.transactionRequestId());
        if (transfer.failureCode() != null) {
            headers.put(PayerMessages.FAILURE_CODE, transfer.failureCode());
        }
        if (transfer.failureReason() != null) {
            headers.put(PayerMessages.FAILURE_REASON, transfer.failureReason());
        }
        return new Emit(PayerMessages.REQUEST_PAYMENTS, headers, "");
    }

    public static Emit notification(PayerTransfer transfer) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PayerMessages.TENANT, transfer.tenant());
        headers.put(PayerMessages.TRANSFER_ID, transfer.transferId());
        headers.put(PayerMessages.FINAL_STATE, transfer.state().name());
        headers.put(PayerMessages.EVENT_TYPE, PayerMessages.TRANSFER_EVENT);
        return new Emit(PayerMessages.EVENTS, headers, TransferJson.of(transfer).toString());
    }
}
