package io.paymenthub.connector.fineract;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The calls the flows make to a tenant's Fineract, one route each ({@code fineract-prepare},
 * {@code fineract-commit}...) so that {@code hub:routes} counts and times them apart, all through
 * {@code fineract-http}. That route retries at once only when Fineract gave no answer at all
 * (connection refused or reset), with the same {@code Idempotency-Key}, so a retried booking is
 * replayed by Fineract and never booked twice. An answer, even an error, is never retried: it is
 * handed back for {@link FineractErrors} to type.
 *
 * <p>A step's call waits at most {@code fineract.stepTimeoutMillis} and a timeout is not retried
 * here: the step goes back to the broker, which delivers it again later with the same key. The
 * consumers that run the steps are shared by every tenant, and a hung Fineract would otherwise hold
 * one for the whole timeout and every retry. Only the reads of a day's bookings
 * ({@code fineract-bookings}) wait for the component's longer response timeout.
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
    /** The same for the calls of a transfer's steps, with their shorter wait. */
    static final String STEP_HTTP_ENDPOINT = HTTP_ENDPOINT
            + "&responseTimeout={{fineract.stepTimeoutMillis}}&soTimeout={{fineract.stepTimeoutMillis}}";
    /** Exchange property: the operation being called ({@link #OPERATIONS}). */
    static final String OPERATION = "fineractOperation";

    public static String endpointOf(String operation) {
        return "direct:fineract-" + operation;
    }

    @Override
    public void configure() {
        for (String operation : OPERATIONS) {
            from(endpointOf(operation)).routeId("fineract-" + operation)
                    .setProperty(OPERATION, constant(operation))
                    .to("direct:" + HTTP_ROUTE_ID);
        }

        from("direct:" + HTTP_ROUTE_ID).routeId(HTTP_ROUTE_ID)
                // No answer in time (connect or response timeout): given back at once, not waited for again here.
                .onException(InterruptedIOException.class)
                    .maximumRedeliveries(0)
                    .logStackTrace(false)
                .end()
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
                .choice()
                    .when(exchangeProperty(OPERATION).isEqualTo("bookings")).to(HTTP_ENDPOINT)
                    .otherwise().to(STEP_HTTP_ENDPOINT)
                .end()
                .process(new FineractHttpResponseProcessor());
    }
}
