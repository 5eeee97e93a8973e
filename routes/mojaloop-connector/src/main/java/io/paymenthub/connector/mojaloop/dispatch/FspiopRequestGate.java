package io.paymenthub.connector.mojaloop.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.Redelivery;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * FSPIOP idempotency where a flow takes the switch's request off {@code fspiop.requests.<resource>}:
 * a {@code POST} with an id of its own (a quote, a transfer, a transaction request) is registered in
 * the {@link FspiopRequestJournal} in the consumer's transaction, before the flow runs, and is
 * admitted only the first time. A repeat answered before gets its recorded callback again; one
 * still in progress is dropped, unless it is the stored message itself delivered again (its
 * first delivery may have died before the flow answered), or, with a take-over time, a resend
 * that finds the request unanswered that long after it came (its first delivery waiting for a
 * redelivery after a failure, or lost with a node): the flows are idempotent, and answer the same
 * request the same way from {@link #REGISTERED_AT}. One with other content gets error 3106.
 * Requests without an id of their own ({@code GET /parties}) are always admitted.
 */
public class FspiopRequestGate implements Processor {

    /** Exchange property: true when the flow handles the message, false when the body holds what to send instead. */
    public static final String ADMITTED = "fspiopAdmitted";
    /** For routes: the gate admitted the message. */
    public static final Predicate IS_ADMITTED = exchange -> Boolean.TRUE.equals(exchange.getProperty(ADMITTED));
    /** Header of an admitted request: when it was first registered ({@link Instant}), the same for every delivery of it. */
    public static final String REGISTERED_AT = "fspiopRegisteredAt";

    /** What became of a message at the gate: admitted to its flow, or these messages sent instead (none: dropped). */
    public record Passage(boolean admitted, List<Emit> instead) {
        static final Passage ADMIT = new Passage(true, List.of());
        static final Passage DROP = new Passage(false, List.of());

        static Passage instead(Emit emit) {
            return new Passage(false, List.of(emit));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FspiopRequestGate.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FspiopRequestJournal journal;
    private final Duration takeOverAfter;

    /** A gate that never lets a resend take over a request in progress. */
    public FspiopRequestGate(FspiopRequestJournal journal) {
        this(journal, 0);
    }

    /** @param takeOverMillis how long a request stays unanswered before a resend of it is processed; 0: never */
    public FspiopRequestGate(FspiopRequestJournal journal, long takeOverMillis) {
        this.journal = journal;
        this.takeOverAfter = takeOverMillis > 0 ? Duration.ofMillis(takeOverMillis) : null;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Passage passage = pass(exchange.getMessage());
        exchange.setProperty(ADMITTED, passage.admitted());
        if (!passage.admitted()) {
            exchange.getMessage().setBody(passage.instead());
        }
    }

    public Passage pass(Message message) throws SQLException {
        String resource = message.getHeader(InboundMessage.RESOURCE, String.class);
        String idMember = FspiopCallbackRegistry.ID_MEMBER.get(resource);
        String body = message.getBody(String.class);
        if (!"POST".equals(message.getHeader(InboundMessage.METHOD, String.class)) || idMember == null || body == null || body.isEmpty()) {
            return Passage.ADMIT;
        }
        JsonNode id = readId(body, idMember);
        if (id == null) {
            return Passage.ADMIT; // the inbound API checked the body against the specification: nothing here to key it by
        }
        message.setHeader(InboundMessage.RESOURCE_ID, id.asText());
        String tenant = message.getHeader(InboundMessage.TENANT, String.class);
        String source = message.getHeader(InboundMessage.SOURCE, String.class);
        String version = message.getHeader(InboundMessage.VERSION, String.class);
        String receipt = message.getHeader(InboundMessage.RECEIPT, String.class);
        FspiopRequestJournal.Registration registration =
                journal.register(tenant, resource, id.asText(), FspiopRequestJournal.hash(body), version, source, receipt);
        message.setHeader(REGISTERED_AT, registration.receivedAt());
        return switch (registration.disposition()) {
            case NEW -> Passage.ADMIT;
            case IN_PROGRESS -> {
                // The stored message itself again (a rollback, or a restart that lost the redelivered flag): its first
                // delivery may not have been answered. A resend by the switch has a receipt of its own.
                if (Redelivery.isRedelivered(message) || registration.registeredBy(receipt)) {
                    yield Passage.ADMIT;
                }
                if (takeOverAfter != null && registration.receivedAt().plus(takeOverAfter).isBefore(Instant.now())) {
                    LOG.warn("{} {} of {} received again, still unanswered {} ms after it came: processed from this resend", resource,
                            id.asText(), source, Duration.between(registration.receivedAt(), Instant.now()).toMillis());
                    yield Passage.ADMIT;
                }
                LOG.info("{} {} of {} received again while in progress: not processed twice", resource, id.asText(), source);
                yield Passage.DROP;
            }
            case ANSWERED -> {
                LOG.info("{} {} of {} received again: its callback is sent again", resource, id.asText(), source);
                yield Passage.instead(OutboundMessage.callback(tenant, registration.callbackMethod(), registration.callbackPath(),
                        resource, source, version, registration.callbackBody()));
            }
            case MODIFIED -> {
                LOG.warn("{} {} of {} received again with other content: error 3106", resource, id.asText(), source);
                String error = ErrorInformation.of(FspiopErrorCode.MODIFIED_REQUEST,
                        resource + " " + id.asText() + " was received before with other content").toJson();
                yield Passage.instead(OutboundMessage.callback(tenant, "PUT", "/" + resource + "/" + id.asText() + "/error",
                        resource, source, version, error));
            }
        };
    }

    private static JsonNode readId(String body, String idMember) {
        try {
            JsonNode id = JSON.readTree(body).path(idMember);
            return id.isTextual() ? id : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
