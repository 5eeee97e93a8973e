package io.paymenthub.flow.request;

import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.step.Redelivery;

/**
 * The switch's callbacks to a payee's request, correlated by its id: the payer's lookup
 * ({@code PUT /parties}) and the payer FSP's answer ({@code PUT /transactionRequests/{id}}), each
 * possibly an error.
 */
public class RequestReplyProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReplyProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PayeeRequests payee;
    private final TransactionRequestStore store;

    public RequestReplyProcessor(PayeeRequests payee, TransactionRequestStore store) {
        this.payee = payee;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        OutboundMessage.Reply reply = OutboundMessage.Reply.of(message);
        String requestId = reply.correlation();
        String resource = reply.resource();
        boolean error = reply.error();
        String body = reply.body();
        JsonNode json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        Optional<TransactionRequest> found = store.find(tenant, requestId, RequestRole.PAYEE);
        List<?> emits = List.of();
        if (found.isEmpty()) {
            LOG.warn("Callback {} for request {} of {}, which is not in the journal: dropped", resource, requestId, tenant);
        } else if ("parties".equals(resource)) {
            emits = payee.payerFound(found.get(), error, json);
        } else if (RequestSwitchMessages.RESOURCE.equals(resource)) {
            emits = payee.answered(found.get(), error, json);
        } else {
            LOG.warn("Callback {} for request {} of {}: not one a request waits for", resource, requestId, tenant);
        }
        if (emits.isEmpty() && found.isPresent() && Redelivery.isRedelivered(message)) {
            emits = payee.newsAgain(tenant, requestId);
        }
        message.setBody(emits);
    }
}
