package io.paymenthub.connector.mojaloop.dispatch;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.inbound.InboundTenantRouter;
import io.paymenthub.connector.mojaloop.outbound.OutboundRequest;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * Decides what becomes of a message the inbound API stored: a new request goes to the flows'
 * queue of its resource ({@code fspiop.requests.<resource>}), a callback to
 * {@code fspiop.callbacks.<resource>}. A repeated request is never processed twice: answered
 * before, its recorded callback is sent again; still in progress, it is dropped (unless this is
 * the broker redelivering it, since the first delivery may not have reached the flows); with other
 * content than the first, it gets error callback 3106.
 */
public class InboundDispatcher implements Processor {

    /** Header: what the route does with the message (see {@link Action}). */
    public static final String ACTION = "fspiopDispatch";
    /** Header: the queue a forwarded message goes to. */
    public static final String TARGET = "fspiopTarget";

    /** FORWARD to {@link #TARGET}; SEND the {@link OutboundRequest} body to the switch; DROP. */
    public enum Action { FORWARD, SEND, DROP }

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The member that identifies each resource's requests, as the FSPIOP specification names it. */
    private static final Map<String, String> ID_MEMBER = Map.of(
            "quotes", "quoteId", "transfers", "transferId", "transactionRequests", "transactionRequestId",
            "bulkQuotes", "bulkQuoteId", "bulkTransfers", "bulkTransferId", "participants", "requestId");

    private final FspiopRequestJournal journal;
    private final TenantDirectory tenants;

    public InboundDispatcher(FspiopRequestJournal journal, TenantDirectory tenants) {
        this.journal = journal;
        this.tenants = tenants;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String method = message.getHeader(InboundMessage.METHOD, String.class);
        String resource = message.getHeader(InboundMessage.RESOURCE, String.class);
        if ("PUT".equals(method) || "PATCH".equals(method)) {
            forward(message, "fspiop.callbacks." + resource);
            return;
        }
        String idMember = ID_MEMBER.get(resource);
        String body = message.getBody(String.class);
        JsonNode json = "POST".equals(method) && idMember != null && body != null ? JSON.readTree(body) : null;
        if (json == null || !json.path(idMember).isTextual()) {
            forward(message, "fspiop.requests." + resource); // GETs and requests without an id of their own
            return;
        }
        String id = json.get(idMember).asText();
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        String source = message.getHeader(InboundMessage.SOURCE, String.class);
        String version = message.getHeader(InboundMessage.VERSION, String.class);
        FspiopRequestJournal.Registration registration =
                journal.register(tenant, resource, id, FspiopRequestJournal.hash(body), version, source);
        switch (registration.disposition()) {
            case NEW -> forward(message, "fspiop.requests." + resource);
            case IN_PROGRESS -> {
                if (Boolean.TRUE.equals(message.getHeader("JMSRedelivered", Boolean.class))) {
                    forward(message, "fspiop.requests." + resource);
                } else {
                    LOG.info("{} {} of {} received again while in progress: not processed twice", resource, id, source);
                    message.setHeader(ACTION, Action.DROP.name());
                }
            }
            case ANSWERED -> {
                LOG.info("{} {} of {} received again: its callback is sent again", resource, id, source);
                send(message, tenant, new OutboundRequest(tenant(tenant), registration.callbackMethod(), registration.callbackPath(),
                        resourceOf(resource), source, FspiopVersion.parse(version), registration.callbackBody()));
            }
            case MODIFIED -> {
                LOG.warn("{} {} of {} received again with other content: error 3106", resource, id, source);
                String error = ErrorInformation.of(FspiopErrorCode.MODIFIED_REQUEST, resource + " " + id + " was received before with other content")
                        .toJson();
                send(message, tenant, new OutboundRequest(tenant(tenant), "PUT", "/" + resource + "/" + id + "/error",
                        resourceOf(resource), source, FspiopVersion.parse(version), error));
            }
        }
    }

    private static void forward(Message message, String queue) {
        message.setHeader(ACTION, Action.FORWARD.name());
        message.setHeader(TARGET, queue);
    }

    private static void send(Message message, String tenant, OutboundRequest request) {
        message.setHeader(ACTION, Action.SEND.name());
        message.setBody(request);
    }

    private Tenant tenant(String name) {
        if (InboundTenantRouter.ANY_TENANT.equals(name)) {
            throw new IllegalStateException("A request with an id is always for one tenant");
        }
        return tenants.byName(name).orElseThrow(() -> new IllegalStateException("Tenant " + name + " is no longer served"));
    }

    private static FspiopResource resourceOf(String resource) {
        return FspiopResource.fromPath(resource).orElseThrow(() -> new IllegalStateException("No FSPIOP resource " + resource));
    }
}
