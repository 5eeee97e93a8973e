package io.paymenthub.channel;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.request.PayeeRequests;
import io.paymenthub.flow.request.PayerRequests;
import io.paymenthub.flow.request.RequestJournal;
import io.paymenthub.flow.request.RequestRole;
import io.paymenthub.flow.request.RequestState;
import io.paymenthub.flow.request.TransactionRequest;

/**
 * The channel API's request-to-pay operations, the same over REST and JMS: a payee's channel asks
 * for money and follows its request; a payer's channel, told of a request by a notification,
 * accepts or rejects it. A tenant only ever sees its own requests.
 */
public class ChannelRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CREATE_OPERATION = "createRequest";
    static final String EXPIRES_IN = "expiresInSeconds";
    static final int MIN_VALIDITY_SECONDS = 5;
    static final int MAX_VALIDITY_SECONDS = 7 * 24 * 3600;

    private final PayeeRequests payee;
    private final PayerRequests payer;
    private final RequestJournal journal;
    private final ChannelIdempotencyStore idempotency;

    public ChannelRequests(PayeeRequests payee, PayerRequests payer, RequestJournal journal, ChannelIdempotencyStore idempotency) {
        this.payee = payee;
        this.payer = payer;
        this.journal = journal;
        this.idempotency = idempotency;
    }

    /**
     * Asks the payer for money for one of the tenant's customers (the payee), once per idempotency
     * key; a client reference used before with the same parties and amount gives that request (200).
     * The body is a transfer's, with an optional {@code expiresInSeconds}: how long the payer may pay.
     */
    public ChannelResponse create(Tenant tenant, String idempotencyKey, String body) throws SQLException {
        Duration validity = null;
        String transferBody = body;
        JsonNode json = parse(body);
        if (json != null && json.isObject() && json.has(EXPIRES_IN)) {
            JsonNode seconds = json.get(EXPIRES_IN);
            if (!seconds.canConvertToInt() || seconds.asInt() < MIN_VALIDITY_SECONDS || seconds.asInt() > MAX_VALIDITY_SECONDS) {
                throw new ChannelException(400, "VALIDATION", "Invalid request to pay: " + EXPIRES_IN + " must be a whole number of "
                        + "seconds from " + MIN_VALIDITY_SECONDS + " to " + MAX_VALIDITY_SECONDS);
            }
            validity = Duration.ofSeconds(seconds.asInt());
            transferBody = ((ObjectNode) json.deepCopy()).without(EXPIRES_IN).toString();
        }
        TransferRequest ask = TransferRequestReader.read(tenant, transferBody, "request to pay");
        Duration payWithin = validity;
        return IdempotentCreate.run(idempotency, tenant, idempotencyKey, CREATE_OPERATION, body, () -> {
            PayeeRequests.Created created = payee.create(tenant, ask, payWithin);
            TransactionRequest r = created.request();
            if (created.created()) {
                LOG.info("Request to pay {} of {} accepted: {} {} asked of {} for {}", r.requestId(), tenant.name(),
                        ask.amount().toPlainString(), ask.currency(), ask.payer(), ask.payee());
                return new ChannelResponse(202, journal.json(r).toString(), created.emits());
            }
            if (r.payer().equals(ask.payer()) && r.payee().equals(ask.payee()) && r.amount().compareTo(ask.amount()) == 0
                    && r.currency().equals(ask.currency()) && r.scenario().equals(ask.scenario())) {
                return ChannelResponse.of(200, journal.json(r).toString());
            }
            return ChannelResponse.error(new ChannelException(409, "CLIENT_REF_CONFLICT", "clientRef " + ask.clientRef()
                    + " belongs to request " + r.requestId() + " with other parties or amount"));
        });
    }

    public ChannelResponse get(Tenant tenant, String requestId) throws SQLException {
        TransactionRequest r = journal.store().find(tenant.name(), requestId).orElseThrow(() -> notFound("Request " + requestId));
        return ChannelResponse.of(200, journal.json(r).toString());
    }

    public ChannelResponse findByClientRef(Tenant tenant, String clientRef) throws SQLException {
        if (clientRef == null || clientRef.isBlank()) {
            throw new ChannelException(400, "VALIDATION", "Give a request id in the path or a clientRef query parameter");
        }
        TransactionRequest r = journal.store().findByClientRef(tenant.name(), clientRef)
                .orElseThrow(() -> notFound("No request with clientRef " + clientRef));
        return ChannelResponse.of(200, journal.json(r).toString());
    }

    /**
     * The payer's answer to a request AWAITING_PAYER: {@code {"accept":true}} pays it, false refuses
     * it. The same answer again gets the request as it is; another answer after the first, 409.
     */
    public ChannelResponse respond(Tenant tenant, String requestId, String body) throws SQLException {
        boolean accept = ChannelBodies.decision(ChannelBodies.json(body), "accept", "{\"accept\":true} or {\"accept\":false}");
        Optional<TransactionRequest> found = journal.store().find(tenant.name(), requestId, RequestRole.PAYER);
        if (found.isEmpty()) {
            throw notFound("Request " + requestId + " to one of this tenant's payers");
        }
        List<Emit> emits = payer.respond(tenant.name(), requestId, accept);
        TransactionRequest now = journal.store().find(tenant.name(), requestId, RequestRole.PAYER).orElseThrow();
        if (emits.isEmpty() && now.state() != (accept ? RequestState.ACCEPTED : RequestState.REJECTED)) {
            throw new ChannelException(409, "NOT_AWAITING_PAYER", "Request " + requestId + " is " + now.state()
                    + ", not AWAITING_PAYER");
        }
        return new ChannelResponse(200, journal.json(now).toString(), emits);
    }

    /** The body as JSON, or null when it is not (the transfer reader says why). */
    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static ChannelException notFound(String what) {
        return new ChannelException(404, "REQUEST_NOT_FOUND", what + " is not a request to pay of this tenant");
    }
}
