package io.paymenthub.connector.mojaloop.dispatch;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.step.Emit;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * Decides where a message of the switch goes, as the inbound API accepts it: a request to the
 * flows' queue of its resource ({@code fspiop.requests.<resource>}, where {@link FspiopRequestGate}
 * keeps a repeat from being processed twice), a callback to the reply queue its request
 * registered ({@link FspiopCallbackRegistry}), or to {@code fspiop.callbacks.<resource>} when
 * nothing waits for it. A {@code GET} of a quote, transfer or transaction request this hub
 * answered gets that answer again through {@code fspiop.outbound}; of one it never received, the
 * resource's "ID not found" error. The body becomes the list of {@link Emit}s to send (none: the
 * message is dropped).
 */
public class InboundDispatcher implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);
    /** The "ID not found" error of each resource a GET may ask about. */
    private static final Map<String, FspiopErrorCode> NOT_FOUND = Map.of(
            "quotes", FspiopErrorCode.QUOTE_ID_NOT_FOUND, "transfers", FspiopErrorCode.TRANSFER_ID_NOT_FOUND,
            "transactionRequests", FspiopErrorCode.TXN_REQUEST_ID_NOT_FOUND, "bulkQuotes", FspiopErrorCode.BULK_QUOTE_ID_NOT_FOUND,
            "bulkTransfers", FspiopErrorCode.BULK_TRANSFER_ID_NOT_FOUND);

    private final FspiopRequestJournal journal;
    private final FspiopCallbackRegistry callbacks;

    public InboundDispatcher(FspiopRequestJournal journal, FspiopCallbackRegistry callbacks) {
        this.journal = journal;
        this.callbacks = callbacks;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(dispatch(exchange.getMessage()));
    }

    /** What to send for this message: where it goes, or the answer it gets at once. */
    public List<Emit> dispatch(Message message) throws SQLException {
        String method = message.getHeader(InboundMessage.METHOD, String.class);
        String resource = message.getHeader(InboundMessage.RESOURCE, String.class);
        String path = message.getHeader(InboundMessage.PATH, String.class);
        if ("PUT".equals(method) || "PATCH".equals(method)) {
            return List.of(correlate(message, resource, path));
        }
        String[] segments = path.split("/");
        if ("GET".equals(method) && segments.length == 3 && NOT_FOUND.containsKey(resource)) {
            return answerFromJournal(message, resource, segments[2]);
        }
        return List.of(handOn(message, "fspiop.requests." + resource));
    }

    /** A callback goes where the registry says its request waits, or, unsolicited, to the resource's callback queue. */
    private Emit correlate(Message message, String resource, String path) throws SQLException {
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        Optional<FspiopCallbackRegistry.Waiting> waiting = callbacks.answered(tenant, resource, FspiopCallbackRegistry.keyOfCallback(path));
        if (waiting.isEmpty()) {
            return handOn(message, "fspiop.callbacks." + resource);
        }
        Emit callback = handOn(message, waiting.get().replyQueue());
        callback.headers().put(OutboundMessage.CORRELATION, waiting.get().correlationRef());
        callback.headers().put(OutboundMessage.ERROR_CALLBACK, path.endsWith("/error"));
        callback.headers().put(Emit.PRIORITY_HEADER, waiting.get().priority());
        return callback;
    }

    /** A GET of something the switch asked before: the recorded answer again, or not found. */
    private List<Emit> answerFromJournal(Message message, String resource, String id) throws SQLException {
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        String source = message.getHeader(InboundMessage.SOURCE, String.class);
        String version = message.getHeader(InboundMessage.VERSION, String.class);
        Optional<FspiopRequestJournal.Registration> recorded = journal.lookup(tenant, resource, id);
        if (recorded.isPresent() && recorded.get().disposition() == FspiopRequestJournal.Disposition.ANSWERED) {
            FspiopRequestJournal.Registration answer = recorded.get();
            return List.of(OutboundMessage.callback(tenant, answer.callbackMethod(), answer.callbackPath(), resource, source, version,
                    answer.callbackBody()));
        }
        if (recorded.isPresent()) {
            LOG.info("GET {} {} from {} while it is being processed: its answer will follow", resource, id, source);
            return List.of();
        }
        return List.of(OutboundMessage.callback(tenant, "PUT", "/" + resource + "/" + id + "/error", resource, source, version,
                ErrorInformation.of(NOT_FOUND.get(resource)).toJson()));
    }

    /** The message as received, to a queue. */
    private static Emit handOn(Message message, String queue) {
        return new Emit(queue, InboundMessage.facts(message), message.getBody(String.class));
    }
}
