package io.paymenthub.channel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.StreamCache;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.reconciliation.ReconciliationReport;

/**
 * Authenticates a channel request and runs its operation. REST and JMS carry the same things in
 * different places: the tenant in {@code Platform-TenantId} (JMS: {@code PlatformTenantId}), the
 * credentials in {@code Authorization} (HTTP Basic; JMS: none in the message, the broker's authenticated
 * user in {@code JMSXUserID}), the idempotency key in {@code Idempotency-Key}
 * (JMS: {@code IdempotencyKey}), the transfer, request or batch id in the path (JMS: {@code transferId},
 * {@code requestId}, {@code batchId}, {@code businessDay}) and the client reference in the query (JMS: {@code clientRef}); a
 * batch's format in {@code Content-Type} (JMS: {@code batchFormat}). The answer's status goes in
 * {@link Exchange#HTTP_RESPONSE_CODE} (JMS: {@code channelStatus}); the messages the operation leads
 * to in the exchange property {@link #EMITS}.
 */
public class ChannelRequestProcessor implements Processor {

    public static final String EMITS = "channelEmits";
    /** JMS: the answer's status, as HTTP would give it. */
    public static final String JMS_STATUS = "channelStatus";
    public static final String JMS_OPERATION = "channelOperation";

    private final ChannelAuthenticator authenticator;
    private final ChannelTransfers transfers;
    private final ChannelRequests requests;
    private final ChannelBatches batches;
    private final ChannelReconciliations reconciliations;
    private final ChannelOperation operation;

    /** @param operation the REST operation, or null for JMS (named by the message) */
    public ChannelRequestProcessor(ChannelAuthenticator authenticator, ChannelTransfers transfers, ChannelRequests requests,
                                   ChannelBatches batches, ChannelReconciliations reconciliations, ChannelOperation operation) {
        this.authenticator = authenticator;
        this.transfers = transfers;
        this.requests = requests;
        this.batches = batches;
        this.reconciliations = reconciliations;
        this.operation = operation;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        boolean jms = operation == null;
        ChannelResponse response;
        try {
            ChannelOperation op = jms ? ChannelOperation.fromJmsName(in.getHeader(JMS_OPERATION, String.class)) : operation;
            Tenant tenant = jms ? authenticator.authenticateBrokerUser(in.getHeader("PlatformTenantId", String.class),
                    in.getHeader("JMSXUserID", String.class))
                    : authenticator.authenticate(in.getHeader(ChannelAuthenticator.TENANT_HEADER, String.class),
                    in.getHeader("Authorization", String.class), op.role());
            if (jms && op.role() != ChannelOperation.Role.CHANNEL) {
                throw ChannelAuthenticator.notForTheChannel(op.role());
            }
            if (tenant.suspended() && op.startsNewWork()) {
                throw new ChannelException(503, "TENANT_SUSPENDED", "Tenant " + tenant.name() + " takes no new work now; what is in "
                        + "flight goes on. Try again later (a request accepted before keeps its answer)");
            }
            String body = op == ChannelOperation.CREATE_BATCH ? null : in.getBody(String.class);
            String transferId = in.getHeader("transferId", String.class);
            String requestId = in.getHeader("requestId", String.class);
            String idempotencyKey = in.getHeader(jms ? "IdempotencyKey" : "Idempotency-Key", String.class);
            response = switch (op) {
                case CREATE_TRANSFER -> transfers.create(tenant, idempotencyKey, body);
                case GET_TRANSFER -> transfers.get(tenant, transferId);
                case FIND_TRANSFER -> transfers.findByClientRef(tenant, in.getHeader("clientRef", String.class));
                case CONFIRM_TRANSFER -> transfers.confirm(tenant, transferId, body);
                case CREATE_REQUEST -> requests.create(tenant, idempotencyKey, body);
                case GET_REQUEST -> requests.get(tenant, requestId);
                case FIND_REQUEST -> requests.findByClientRef(tenant, in.getHeader("clientRef", String.class));
                case RESPOND_TO_REQUEST -> requests.respond(tenant, requestId, body);
                case CREATE_BATCH -> batches.create(tenant, idempotencyKey, in.getHeader(jms ? "batchFormat" : Exchange.CONTENT_TYPE,
                        String.class), batchParams(in), () -> body(exchange));
                case GET_BATCH -> batches.get(tenant, in.getHeader("batchId", String.class));
                case FIND_BATCH -> batches.findByClientRef(tenant, in.getHeader("clientRef", String.class));
                case GET_BATCH_ITEMS -> batches.items(tenant, in.getHeader("batchId", String.class), in.getHeader("state", String.class),
                        in.getHeader("after", String.class), in.getHeader("limit", String.class));
                case GET_BATCH_REPORT -> batches.report(tenant, in.getHeader("batchId", String.class));
                case APPROVE_BATCH -> batches.decide(tenant, in.getHeader("batchId", String.class), body);
                case RUN_RECONCILIATION -> reconciliations.run(tenant, in.getHeader("businessDay", String.class));
                case GET_RECONCILIATION -> reconciliations.report(tenant, in.getHeader("businessDay", String.class),
                        ReconciliationReport.Kind.JSON);
                case GET_RECONCILIATION_BREAKS -> reconciliations.report(tenant, in.getHeader("businessDay", String.class),
                        ReconciliationReport.Kind.BREAKS_CSV);
                case GET_RECONCILIATION_TOTALS -> reconciliations.report(tenant, in.getHeader("businessDay", String.class),
                        ReconciliationReport.Kind.TOTALS_CSV);
            };
        } catch (ChannelException e) {
            response = ChannelResponse.error(e);
        }
        // Nothing of the request (its credentials above all) goes back with the answer.
        in.removeHeaders("*", "JMSCorrelationID", "JMSReplyTo");
        in.setHeader(jms ? JMS_STATUS : Exchange.HTTP_RESPONSE_CODE, response.status());
        in.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        if (response.stream() == null) {
            in.setBody(response.body());
        } else if (jms) {
            try (InputStream stream = response.stream()) {
                in.setBody(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else {
            in.setBody(response.stream());
        }
        exchange.setProperty(EMITS, response.emits());
    }

    /** A CSV batch's payer and client reference, as query parameters (JMS: properties of the same names). */
    private static Map<String, String> batchParams(Message in) {
        Map<String, String> params = new TreeMap<>();
        for (String name : List.of("payerIdType", "payerIdValue", "clientRef")) {
            String value = in.getHeader(name, String.class);
            if (value != null && !value.isBlank()) {
                params.put(name, value);
            }
        }
        return params;
    }

    /**
     * The body from its start, each time it is asked: a batch is read twice. Over REST it is
     * Camel's stream cache (in a temporary file above the spool threshold); over JMS, the text.
     */
    private static InputStream body(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof StreamCache cache) {
            cache.reset();
            return exchange.getContext().getTypeConverter().convertTo(InputStream.class, exchange, cache);
        }
        if (body instanceof String text) {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
        if (body instanceof byte[] bytes) {
            return new ByteArrayInputStream(bytes);
        }
        if (body == null) {
            return InputStream.nullInputStream();
        }
        // A stream that cannot be read twice: made into a cache once, read from it since.
        StreamCache cache = exchange.getContext().getTypeConverter().convertTo(StreamCache.class, exchange, body);
        if (cache == null) {
            throw new IOException("A body of " + (body == null ? "nothing" : body.getClass().getSimpleName()) + " cannot be read as a batch");
        }
        exchange.getMessage().setBody(cache);
        return body(exchange);
    }
}
