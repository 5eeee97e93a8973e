package io.paymenthub.channel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.core.tenant.Tenant;

/**
 * Authenticates a channel request and runs its operation. REST and JMS carry the same things in
 * different places: the tenant in {@code Platform-TenantId} (JMS: {@code PlatformTenantId}), the
 * credentials in {@code Authorization} (HTTP Basic; JMS: none in the message, the broker's authenticated
 * user in {@code JMSXUserID}), the idempotency key in {@code Idempotency-Key}
 * (JMS: {@code IdempotencyKey}), the transfer or request id in the path (JMS: {@code transferId},
 * {@code requestId}) and the client reference in the query (JMS: {@code clientRef}). The answer's status goes in
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
    private final ChannelOperation operation;

    /** @param operation the REST operation, or null for JMS (named by the message) */
    public ChannelRequestProcessor(ChannelAuthenticator authenticator, ChannelTransfers transfers, ChannelRequests requests,
                                   ChannelOperation operation) {
        this.authenticator = authenticator;
        this.transfers = transfers;
        this.requests = requests;
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
                    in.getHeader("Authorization", String.class));
            String body = in.getBody(String.class);
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
            };
        } catch (ChannelException e) {
            response = ChannelResponse.error(e);
        }
        // Nothing of the request (its credentials above all) goes back with the answer.
        in.removeHeaders("*", "JMSCorrelationID", "JMSReplyTo");
        in.setHeader(jms ? JMS_STATUS : Exchange.HTTP_RESPONSE_CODE, response.status());
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(response.body());
        exchange.setProperty(EMITS, response.emits());
    }
}
