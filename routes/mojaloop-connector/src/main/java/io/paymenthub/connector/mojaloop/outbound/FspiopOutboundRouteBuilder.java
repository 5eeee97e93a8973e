package io.paymenthub.connector.mojaloop.outbound;

import java.io.IOException;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpEndpoint;

/**
 * Sends requests and callbacks to the switch ({@code direct:fspiop-outbound}, body an
 * {@link OutboundRequest}). A send that got no answer is retried: FSPIOP receivers treat a repeat
 * of the same request as the same request. A refusal is raised, never retried.
 */
public class FspiopOutboundRouteBuilder extends RouteBuilder {

    public static final String ENDPOINT = "direct:fspiop-outbound";
    public static final String ROUTE_ID = "fspiop-outbound";
    /** Exchange property holding the {@link OutboundRequest}. */
    static final String REQUEST = "fspiopOutboundRequest";

    private final SwitchEndpoints endpoints;

    public FspiopOutboundRouteBuilder(SwitchEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * The HTTP endpoint, with a header filter that lets FSPIOP's headers through: Camel's default
     * one drops {@code Date}, which FSPIOP requires. The host is a placeholder: every call sets its
     * URL in {@code CamelHttpUri}.
     */
    private HttpEndpoint switchEndpoint() {
        HttpEndpoint endpoint = getContext().getEndpoint("http://switch?throwExceptionOnFailure=false", HttpEndpoint.class);
        endpoint.setHeaderFilterStrategy(new FspiopHeaderFilterStrategy());
        return endpoint;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .onException(IOException.class)
                    .maximumRedeliveries("{{fspiop.retry.maximumRedeliveries}}")
                    .redeliveryDelay("{{fspiop.retry.delayMillis}}")
                    .useExponentialBackOff()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logStackTrace(false)
                .end()
                .process(new OutboundHttpRequest(endpoints))
                .to(switchEndpoint())
                .process(new OutboundHttpResponse());
    }
}
