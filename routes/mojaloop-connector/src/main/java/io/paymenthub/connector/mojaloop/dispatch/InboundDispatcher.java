package io.paymenthub.connector.mojaloop.dispatch;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.inbound.InboundTenantRouter;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundRequest;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * Decides what becomes of a message the inbound API stored: a new request goes to the flows'
 * queue of its resource ({@code fspiop.requests.<resource>}), a callback to the reply queue its
 * request registered ({@link FspiopCallbackRegistry}), or to {@code fspiop.callbacks.<resource>}
 * when nothing waits for it. A repeated request is never processed twice: answered
 * before, its recorded callback is sent again; still in progress, it is dropped (unless this is
 * the stored message delivered again, since its first delivery may not have reached the flows); with other
 * content than the first, it gets error callback 3106. A {@code GET} of a quote, transfer or
 * transaction request this hub answered gets that answer again; of one it never received, the
 * resource's "ID not found" error.
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
    /** The "ID not found" error of each resource a GET may ask about. */
    private static final Map<String, FspiopErrorCode> NOT_FOUND = Map.of(
            "quotes", FspiopErrorCode.QUOTE_ID_NOT_FOUND, "transfers", FspiopErrorCode.TRANSFER_ID_NOT_FOUND,
            "transactionRequests", FspiopErrorCode.TXN_REQUEST_ID_NOT_FOUND, "bulkQuotes", FspiopErrorCode.BULK_QUOTE_ID_NOT_FOUND,
            "bulkTransfers", FspiopErrorCode.BULK_TRANSFER_ID_NOT_FOUND);
    private static final Map<String, String> ID_MEMBER = Map.of(
            "quotes", "quoteId", "transfers", "transferId", "transactionRequests", "transactionRequestId",
            "bulkQuotes", "bulkQuoteId", "bulkTransfers", "bulkTransferId", "participants", "requestId");

    private final FspiopRequestJournal journal;
    private final FspiopCallbackRegistry callbacks;
    private final TenantDirectory tenants;

    public InboundDispatcher(FspiopRequestJournal journal, FspiopCallbackRegistry callbacks, TenantDirectory tenants) {
        this.journal = journal;
        this.callbacks = callbacks;
        this.tenants = tenants;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String method = message.getHeader(InboundMessage.METHOD, String.class);
        String resource = message.getHeader(InboundMessage.RESOURCE, String.class);
        String path = message.getHeader(InboundMessage.PATH, String.class);
        if ("PUT".equals(method) || "PATCH".equals(method)) {
            correlate(message, resource, path);
            return;
        }
        String[] segments = path.split("/");
        if ("GET".equals(method) && segments.length == 3 && NOT_FOUND.containsKey(resource)) {
            answerFromJournal(message, resource, segments[2]);
            return;
        }
        String idMember = FspiopCallbackRegistry.ID_MEMBER.get(resource);
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
                journal.register(tenant, resource, id, FspiopRequestJournal.hash(body), version, source,
                        message.getHeader(InboundMessage.RECEIPT, String.class));
        switch (registration.disposition()) {
            case NEW -> forward(message, "fspiop.requests." + resource);
            case IN_PROGRESS -> {
                // The stored message itself again (a rollback, or a restart that lost the redelivered flag): its first
                // delivery may not have reached the flows. A resend by the switch has a receipt of its own.
                if (Boolean.TRUE.equals(message.getHeader("JMSRedelivered", Boolean.class))
                        || registration.registeredBy(message.getHeader(InboundMessage.RECEIPT, String.class))) {
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

    /** A callback goes where the registry says its request waits, or, unsolicited, to the resource's callback queue. */
    private void correlate(Message message, String resource, String path) throws Exception {
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        Optional<FspiopCallbackRegistry.Waiting> waiting = callbacks.answered(tenant, resource, FspiopCallbackRegistry.keyOfCallback(path));
        if (waiting.isPresent()) {
            message.setHeader(OutboundMessage.CORRELATION, waiting.get().correlationRef());
            message.setHeader(OutboundMessage.ERROR_CALLBACK, path.endsWith("/error"));
            forward(message, waiting.get().replyQueue());
        } else {
            forward(message, "fspiop.callbacks." + resource);
        }
    }

    /** A GET of something the switch asked before: the recorded answer again, or not found. */
    private void answerFromJournal(Message message, String resource, String id) throws Exception {
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        String source = message.getHeader(InboundMessage.SOURCE, String.class);
        FspiopVersion version = FspiopVersion.parse(message.getHeader(InboundMessage.VERSION, String.class));
        Optional<FspiopRequestJournal.Registration> recorded = journal.lookup(tenant, resource, id);
        if (recorded.isPresent() && recorded.get().disposition() == FspiopRequestJournal.Disposition.ANSWERED) {
            FspiopRequestJournal.Registration answer = recorded.get();
            send(message, tenant, new OutboundRequest(tenant(tenant), answer.callbackMethod(), answer.callbackPath(),
                    resourceOf(resource), source, version, answer.callbackBody()));
        } else if (recorded.isPresent()) {
            LOG.info("GET {} {} from {} while it is being processed: its answer will follow", resource, id, source);
            message.setHeader(ACTION, Action.DROP.name());
        } else {
            send(message, tenant, new OutboundRequest(tenant(tenant), "PUT", "/" + resource + "/" + id + "/error",
                    resourceOf(resource), source, version, ErrorInformation.of(NOT_FOUND.get(resource)).toJson()));
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
