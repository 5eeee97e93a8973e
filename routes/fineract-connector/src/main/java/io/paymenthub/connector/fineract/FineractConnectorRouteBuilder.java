package io.paymenthub.connector.fineract;

import java.io.IOException;
import java.util.List;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The calls the flows make to a tenant's Fineract, one route each ({@code fineract-prepare},
 * {@code fineract-commit}...) so that {@code hub:routes} counts and times them apart, all through
 * {@code fineract-http}. That route retries only when Fineract gave no answer at all (connection
 * refused or reset, no response before the timeout), with the same {@code Idempotency-Key}, so a
 * retried booking is replayed by Fineract and never booked twice. An answer, even an error, is
 * never retried: it is handed back for {@link FineractErrors} to type.
 */
public class FineractConnectorRouteBuilder extends RouteBuilder {

    /** Exchange property: the {@link io.paymenthub.core.tenant.Tenant} whose Fineract is called. */
    public static final String TENANT = "fineractTenant";
    /** Exchange property: the {@link FineractCall} being made. */
    static final String CALL = "fineractCall";

    public static final String HTTP_ROUTE_ID = "fineract-http";
    /** The operations, each a route {@code fineract-<operation>} fed from {@code direct:fineract-<operation>}. */
    public static final List<String> OPERATIONS = List.of("lookup-party", "account", "client", "quote", "request",
            "prepare", "commit", "release", "deposit", "register-alias", "remove-alias", "bookings");

    /**
     * The connector's own CamelContext configures this component with its timeouts. The host
     * below is a placeholder: every call sets its full URL in {@code CamelHttpUri}.
     */
    static final String HTTP_ENDPOINT = "http://fineract?throwExceptionOnFailure=false";

    public static String endpointOf(String operation) {
        return "direct:fineract-" + operation;
    }

    @Override
    public void configure() {
        for (String operation : OPERATIONS) {
            from(endpointOf(operation)).routeId("fineract-" + operation)
                    .to("direct:" + HTTP_ROUTE_ID);
        }

        from("direct:" + HTTP_ROUTE_ID).routeId(HTTP_ROUTE_ID)
                .onException(IOException.class)
                    .maximumRedeliveries("{{fineract.retry.maximumRedeliveries}}")
                    .redeliveryDelay("{{fineract.retry.delayMillis}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .retriesExhaustedLogLevel(LoggingLevel.ERROR)
                    .logStackTrace(false)
                .end()
                .process(new FineractHttpRequestProcessor())
                .to(HTTP_ENDPOINT)
                .process(new FineractHttpResponseProcessor());
    }
}
