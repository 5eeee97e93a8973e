package io.paymenthub.connector.mojaloop.outbound;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.dispatch.FspiopCallbackRegistry;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * Turns a message of the {@link OutboundMessage#QUEUE} into the {@link OutboundRequest} to send,
 * recording first, when it answers a request of the switch, the answer, and when it waits for a
 * callback, where that callback goes.
 */
public class OutboundQueueReader implements Processor {

    private final TenantDirectory tenants;
    private final FspiopRequestJournal journal;
    private final FspiopCallbackRegistry callbacks;
    private final ObjectMapper json = new ObjectMapper();

    public OutboundQueueReader(TenantDirectory tenants, FspiopRequestJournal journal, FspiopCallbackRegistry callbacks) {
        this.tenants = tenants;
        this.journal = journal;
        this.callbacks = callbacks;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String tenantName = message.getHeader(OutboundMessage.TENANT, String.class);
        String method = message.getHeader(OutboundMessage.METHOD, String.class);
        String path = message.getHeader(OutboundMessage.PATH, String.class);
        String resource = message.getHeader(OutboundMessage.RESOURCE, String.class);
        String version = message.getHeader(OutboundMessage.VERSION, String.class);
        String body = message.getBody(String.class);
        if (body != null && body.isEmpty()) {
            body = null;
        }
        String answersId = message.getHeader(OutboundMessage.ANSWERS_ID, String.class);
        if (answersId != null) {
            journal.recordAnswer(tenantName, message.getHeader(OutboundMessage.ANSWERS_RESOURCE, String.class), answersId,
                    method, path, body);
        }
        String replyTo = message.getHeader(OutboundMessage.REPLY_TO, String.class);
        if (replyTo != null) {
            JsonNode parsed = body == null ? null : json.readTree(body);
            // The callback goes to the waiting flow at the request's priority: a batch's behind single transfers'.
            Integer priority = message.getHeader(Emit.PRIORITY_HEADER, Integer.class);
            callbacks.expect(tenantName, resource, FspiopCallbackRegistry.keyOfRequest(resource, path, parsed), replyTo,
                    message.getHeader(OutboundMessage.CORRELATION, String.class), priority == null ? Emit.NORMAL_PRIORITY : priority);
        }
        OutboundRequest request = new OutboundRequest(
                tenants.byName(tenantName).orElseThrow(() -> new IllegalStateException("Tenant " + tenantName + " is not served")),
                method, path,
                FspiopResource.fromPath(resource).orElseThrow(() -> new IllegalStateException("No FSPIOP resource " + resource)),
                message.getHeader(OutboundMessage.DESTINATION, String.class),
                version == null ? null : FspiopVersion.parse(version), body);
        message.getHeaders().clear();
        message.setBody(request);
    }
}
