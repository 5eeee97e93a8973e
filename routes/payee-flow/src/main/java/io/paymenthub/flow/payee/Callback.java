package io.paymenthub.flow.payee;

import org.apache.camel.Message;

import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.fspiop.ErrorInformation;

/**
 * The answer to a switch request, for {@code fspiop.outbound}: a {@code PUT} to the sender in the
 * version of the request.
 *
 * @param answersId the id of the request answered (quoteId, transferId), recorded for resends as the callback
 *                  goes out; null for lookups, and for answers the flow recorded with its own last write
 */
record Callback(String tenant, String path, String resource, String destination, String version, String body, String answersId) {

    static Callback of(SwitchRequest request, String tenant, String path, String body, String answersId) {
        return new Callback(tenant, path, request.resource(), request.source(), request.version(), body, answersId);
    }

    /** An answer the flow recorded in the transaction of its last write ({@code FspiopRequestJournal.Answer}). */
    static Callback recorded(SwitchRequest request, String tenant, String path, String body) {
        return of(request, tenant, path, body, null);
    }

    static Callback error(SwitchRequest request, String tenant, String path, ErrorInformation error, String answersId) {
        return of(request, tenant, path + "/error", error.toJson(), answersId);
    }

    /** Makes the message's body this callback, as every flow's answers to the switch are made ({@link OutboundMessage#answer}). */
    void writeTo(Message message) {
        message.getHeaders().clear();
        message.setBody(OutboundMessage.answer(tenant, path, resource, destination, version, answersId, body));
    }
}
