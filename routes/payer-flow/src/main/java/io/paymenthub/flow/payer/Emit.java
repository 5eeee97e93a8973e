package io.paymenthub.flow.payer;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;

import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;

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
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(OutboundMessage.TENANT, transfer.tenant());
        headers.put(OutboundMessage.METHOD, method);
        headers.put(OutboundMessage.PATH, path);
        headers.put(OutboundMessage.RESOURCE, resource);
        if (destination != null) {
            headers.put(OutboundMessage.DESTINATION, destination);
        }
        headers.put(OutboundMessage.REPLY_TO, PayerMessages.REPLIES);
        headers.put(OutboundMessage.CORRELATION, transfer.transferId());
        headers.put(PayerMessages.TRANSFER_ID, transfer.transferId());
        return new Emit(OutboundMessage.QUEUE, headers, body == null ? "" : body);
    }

    public static Emit notification(PayerTransfer transfer) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PayerMessages.TENANT, transfer.tenant());
        headers.put(PayerMessages.TRANSFER_ID, transfer.transferId());
        headers.put(PayerMessages.FINAL_STATE, transfer.state().name());
        return new Emit(PayerMessages.EVENTS, headers, TransferJson.of(transfer).toString());
    }
}
