package io.paymenthub.connector.mojaloop.outbound;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.http.HttpMethods;

import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.FspiopTls;

/**
 * Sends requests and callbacks to the switch ({@code direct:fspiop-outbound}, body an
 * {@link OutboundRequest}), and reads its settlement API ({@code direct:switch-settlement}, body
 * the full URL; the answer's status and body come back as they are), over one client and its
 * mutual TLS. A call that got no answer is made again: FSPIOP receivers treat a repeat of the same
 * request as the same request, and a read changes nothing. A refusal is raised, never retried.
 */
public class FspiopOutboundRouteBuilder extends RouteBuilder {

    public static final String ENDPOINT = "direct:fspiop-outbound";
    public static final String ROUTE_ID = "fspiop-outbound";
    public static final String SETTLEMENT_ENDPOINT = "direct:switch-settlement";
    public static final String SETTLEMENT_ROUTE_ID = "switch-settlement";
    /** Exchange property holding the {@link OutboundRequest}. */
    static final String REQUEST = "fspiopOutboundRequest";

    private final SwitchEndpoints endpoints;
    private final FspiopJws jws;
    private final FspiopTls tls;

    public FspiopOutboundRouteBuilder(SwitchEndpoints endpoints, FspiopJws jws, FspiopTls tls) {
        this.endpoints = endpoints;
        this.jws = jws;
        this.tls = tls;
    }

    /**
     * The HTTP endpoint, with a header filter that lets FSPIOP's headers through: Camel's default
     * one drops {@code Date}, which FSPIOP requires. The host is a placeholder: every call sets its
     * URL in {@code CamelHttpUri}.
     */
    private HttpEndpoint switchEndpoint(String options) {
        HttpEndpoint endpoint = getContext().getEndpoint("http://switch?throwExceptionOnFailure=false" + options, HttpEndpoint.class);
        endpoint.setHeaderFilterStrategy(new FspiopHeaderFilterStrategy());
        return endpoint;
    }

    /** Sets the component's TLS and connection reuse, before its endpoints exist. */
    private void configureClient() {
        if (tls.enabled()) {
            endpoints.urls().stream().filter(url -> !url.startsWith("https://")).findFirst().ifPresent(url -> {
                throw new IllegalStateException("The switch URL " + url + " is not HTTPS, and tls is on: use https://, or tls = false");
            });
            // Before the endpoint exists: its connection manager takes the TLS settings when it is made.
            getContext().getComponent("http", HttpComponent.class).setSslContextParameters(tls.client());
        }
        // HttpClient marks a connection made with a client certificate as that principal's, and leases it
        // only to a request carrying the same user token, which no Camel exchange does: every callback
        // would open a new TLS connection. The hub has one identity toward the switch, so any pooled
        // connection serves any request.
        getContext().getComponent("http", HttpComponent.class).setHttpClientConfigurer(builder -> builder.disableConnectionState());
    }

    @Override
    public void configure() {
        // A message sent at once by a flow's consumer is tried once: unanswered, it goes to the queue, which resends it.
        onException(IOException.class)
                .onWhen(exchangeProperty(DirectSwitchSender.AT_ONCE).isNull())
                .maximumRedeliveries("{{fspiop.retry.maximumRedeliveries}}")
                .redeliveryDelay("{{fspiop.retry.delayMillis}}")
                .useExponentialBackOff()
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logStackTrace(false);

        configureClient();
        HttpEndpoint switchEndpoint = switchEndpoint("");
        // A message sent at once waits for the switch's 202 a short while only: it holds a flow's consumer, and the queue's
        // consumer, which holds none, sends it again with the component's longer timeouts.
        HttpEndpoint atOnceEndpoint = switchEndpoint("&responseTimeout=" + DirectSwitchSender.RESPONSE_TIMEOUT_MILLIS
                + "&soTimeout=" + DirectSwitchSender.RESPONSE_TIMEOUT_MILLIS);
        from(ENDPOINT).routeId(ROUTE_ID)
                .process(new OutboundHttpRequest(endpoints, jws))
                .choice()
                    .when(exchangeProperty(DirectSwitchSender.AT_ONCE).isNotNull()).to(atOnceEndpoint)
                    .otherwise().to(switchEndpoint)
                .end()
                .process(new OutboundHttpResponse());

        from(SETTLEMENT_ENDPOINT).routeId(SETTLEMENT_ROUTE_ID)
                .process(exchange -> {
                    String url = exchange.getMessage().getMandatoryBody(String.class);
                    exchange.getMessage().getHeaders().clear();
                    exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
                    exchange.getMessage().setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
                    exchange.getMessage().setHeader("Accept", "application/json");
                    exchange.getMessage().setBody(null);
                })
                // The host is a placeholder, as above: the URL is in CamelHttpUri.
                .to("http://settlement?throwExceptionOnFailure=false")
                .convertBodyTo(String.class);
    }
}
