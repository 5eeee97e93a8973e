package io.paymenthub.channel;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import io.paymenthub.core.http.ListenerFilters;
import io.paymenthub.core.step.Emit;

/**
 * The channel API: REST under {@code /channel} on the hub's HTTP port, and the same operations
 * over JMS on {@code channel.requests} (answered to the message's JMSReplyTo with its correlation
 * id). The REST API is described by {@code /channel/openapi.json}. A route per operation; the
 * messages an operation leads to are sent after its answer is recorded ({@code channel-send}), so
 * a failure to send them never turns an accepted transfer into an error: the payer flow's
 * stalled-step check sends its first step again.
 */
public class ChannelApiRouteBuilder extends RouteBuilder {

    public static final String REQUEST_QUEUE = "channel.requests";
    /** Where batches are uploaded: the one path whose bodies may be larger than a transfer's. */
    static final String BATCHES_PATH = "/channel/batches";

    private final ChannelAuthenticator authenticator;
    private final ChannelTransfers transfers;
    private final ChannelRequests requests;
    private final ChannelBatches batches;
    private final ChannelReconciliations reconciliations;
    private final ChannelTls tls;

    public ChannelApiRouteBuilder(ChannelAuthenticator authenticator, ChannelTransfers transfers, ChannelRequests requests,
                                  ChannelBatches batches, ChannelReconciliations reconciliations, ChannelTls tls) {
        this.authenticator = authenticator;
        this.transfers = transfers;
        this.requests = requests;
        this.batches = batches;
        this.reconciliations = reconciliations;
        this.tls = tls;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .log(LoggingLevel.ERROR, "Channel request failed: ${exception.class.simpleName}: ${exception.message}")
                .process(ChannelApiRouteBuilder::internalError);

        // A body over channel.http.maxRequestBytes (a batch's: channel.http.maxBatchBytes) is refused 413 before anything reads it.
        String filters = ListenerFilters.bind(getContext(), "channelListenerFilters", "channel.http.maxRequestBytes",
                Map.of(BATCHES_PATH, "channel.http.maxBatchBytes"), "application/json",
                maxBytes -> new ChannelException(413, "PAYLOAD_TOO_LARGE", "The body is larger than " + maxBytes + " bytes").toJson());
        restConfiguration()
                .component("jetty")
                .host("{{channel.http.host}}")
                .port("{{channel.http.port}}")
                .endpointProperty("filters", filters)
                .bindingMode(RestBindingMode.off);
        tls.server().ifPresent(server -> {
            getContext().getRegistry().bind("channelTls", server);
            restConfiguration().scheme("https").endpointProperty("sslContextParameters", "#channelTls");
        });

        rest("/channel")
                .post("/transfers").consumes("application/json").produces("application/json").to("direct:channel-create-transfer")
                .get("/transfers/{transferId}").produces("application/json").to("direct:channel-get-transfer")
                .get("/transfers").produces("application/json").to("direct:channel-find-transfer")
                .post("/transfers/{transferId}/confirmation").consumes("application/json").produces("application/json")
                    .to("direct:channel-confirm-transfer")
                .post("/requests").consumes("application/json").produces("application/json").to("direct:channel-create-request")
                .get("/requests/{requestId}").produces("application/json").to("direct:channel-get-request")
                .get("/requests").produces("application/json").to("direct:channel-find-request")
                .post("/requests/{requestId}/response").consumes("application/json").produces("application/json")
                    .to("direct:channel-respond-to-request")
                .post("/batches").consumes("text/csv,application/json").produces("application/json").to("direct:channel-create-batch")
                .get("/batches/{batchId}").produces("application/json").to("direct:channel-get-batch")
                .get("/batches").produces("application/json").to("direct:channel-find-batch")
                .get("/batches/{batchId}/items").produces("application/json").to("direct:channel-get-batch-items")
                .get("/batches/{batchId}/report").produces("text/csv").to("direct:channel-get-batch-report")
                .post("/batches/{batchId}/approval").consumes("application/json").produces("application/json")
                    .to("direct:channel-approve-batch")
                .post("/reconciliations/{businessDay}").produces("application/json").to("direct:channel-run-reconciliation")
                .get("/reconciliations/{businessDay}").produces("application/json").to("direct:channel-get-reconciliation")
                .get("/reconciliations/{businessDay}/breaks.csv").produces("text/csv").to("direct:channel-get-reconciliation-breaks")
                .get("/reconciliations/{businessDay}/totals.csv").produces("text/csv").to("direct:channel-get-reconciliation-totals")
                .get("/openapi.json").produces("application/json").to("direct:channel-openapi");

        operation("channel-create-transfer", ChannelOperation.CREATE_TRANSFER);
        operation("channel-get-transfer", ChannelOperation.GET_TRANSFER);
        operation("channel-find-transfer", ChannelOperation.FIND_TRANSFER);
        operation("channel-confirm-transfer", ChannelOperation.CONFIRM_TRANSFER);
        operation("channel-create-request", ChannelOperation.CREATE_REQUEST);
        operation("channel-get-request", ChannelOperation.GET_REQUEST);
        operation("channel-find-request", ChannelOperation.FIND_REQUEST);
        operation("channel-respond-to-request", ChannelOperation.RESPOND_TO_REQUEST);
        operation("channel-create-batch", ChannelOperation.CREATE_BATCH);
        operation("channel-get-batch", ChannelOperation.GET_BATCH);
        operation("channel-find-batch", ChannelOperation.FIND_BATCH);
        operation("channel-get-batch-items", ChannelOperation.GET_BATCH_ITEMS);
        operation("channel-get-batch-report", ChannelOperation.GET_BATCH_REPORT);
        operation("channel-approve-batch", ChannelOperation.APPROVE_BATCH);
        operation("channel-run-reconciliation", ChannelOperation.RUN_RECONCILIATION);
        operation("channel-get-reconciliation", ChannelOperation.GET_RECONCILIATION);
        operation("channel-get-reconciliation-breaks", ChannelOperation.GET_RECONCILIATION_BREAKS);
        operation("channel-get-reconciliation-totals", ChannelOperation.GET_RECONCILIATION_TOTALS);

        from("direct:channel-openapi")
                .routeId("channel-openapi")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(constant(ChannelOpenApi.document()));

        from("jms:queue:" + REQUEST_QUEUE + "?concurrentConsumers={{channel.jms.consumers}}")
                .routeId("channel-jms")
                .process(new ChannelRequestProcessor(authenticator, transfers, requests, batches, reconciliations, null))
                .to("direct:channel-send");

        from("direct:channel-send")
                .routeId("channel-send")
                .doTry()
                    .split(exchangeProperty(ChannelRequestProcessor.EMITS))
                        .process(Emit::write)
                        .toD(Emit.ENDPOINT)
                    .endDoTry()
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Could not hand an accepted request on (${exception.message}); "
                            + "the flows pick it up from the journal")
                .end();
    }

    private void operation(String routeId, ChannelOperation operation) {
        from("direct:" + routeId)
                .routeId(routeId)
                .process(new ChannelRequestProcessor(authenticator, transfers, requests, batches, reconciliations, operation))
                .to("direct:channel-send");
    }

    /** The channel API's error body for what the hub failed at; the detail stays in the hub's log. */
    static void internalError(Exchange exchange) {
        exchange.getMessage().removeHeaders("*", "JMSCorrelationID", "JMSReplyTo");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        exchange.getMessage().setHeader(ChannelRequestProcessor.JMS_STATUS, 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(new ChannelException(503, "UNAVAILABLE",
                "The hub could not process the request now; repeat it with the same Idempotency-Key").toJson());
    }
}
