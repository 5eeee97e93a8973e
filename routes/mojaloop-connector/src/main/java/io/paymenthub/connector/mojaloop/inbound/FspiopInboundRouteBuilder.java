package io.paymenthub.connector.mojaloop.inbound;

import org.apache.camel.LoggingLevel;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.core.http.ListenerFilters;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;

/**
 * The FSPIOP API the switch calls ({@code fspiop.http.host}:{@code fspiop.http.port}): every
 * request is checked (headers and version, the OpenAPI document of that version, its sender and
 * its signature, destination tenant), put on
 * the persistent queue {@code fspiop.inbound.queue} and only then answered 202, so nothing
 * accepted can be lost; what fails a check is answered at once with {@code errorInformation}.
 * The flows consume the queue.
 */
public class FspiopInboundRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "fspiop-inbound";
    /** Exchange property holding the {@link InboundRequest}. */
    public static final String REQUEST = "fspiopInboundRequest";

    private final InboundSpecificationCheck specificationCheck;
    private final InboundTenantRouter tenantRouter;
    private final InboundPeerCheck peerCheck;
    private final InboundSignatureCheck signatureCheck;
    private final FspiopTls tls;

    public FspiopInboundRouteBuilder(InboundSpecificationCheck specificationCheck, InboundTenantRouter tenantRouter,
                                     InboundPeerCheck peerCheck, InboundSignatureCheck signatureCheck, FspiopTls tls) {
        this.specificationCheck = specificationCheck;
        this.tenantRouter = tenantRouter;
        this.peerCheck = peerCheck;
        this.signatureCheck = signatureCheck;
        this.tls = tls;
    }

    /**
     * HTTPS with client certificates required, or plain HTTP where TLS is turned off; a body over
     * {@code fspiop.http.maxRequestBytes} is refused 413 / 3104 before anything reads it, and every answer
     * tells the switch how long it may keep the connection idle ({@link io.paymenthub.core.http.KeepAliveTimeout}).
     */
    private String listener() {
        String filters = ListenerFilters.bind(getContext(), "fspiopListenerFilters", "fspiop.http.maxRequestBytes", "application/json",
                maxBytes -> ErrorInformation.of(FspiopErrorCode.TOO_LARGE_PAYLOAD, "the body is larger than " + maxBytes + " bytes").toJson());
        if (!tls.enabled()) {
            return "jetty:http://{{fspiop.http.host}}:{{fspiop.http.port}}/?filters=" + filters + "&";
        }
        getContext().getRegistry().bind("fspiopServerTls", tls.server());
        return "jetty:https://{{fspiop.http.host}}:{{fspiop.http.port}}/?sslContextParameters=#fspiopServerTls&filters=" + filters + "&";
    }

    @Override
    public void configure() {
        from(listener() + "matchOnUriPrefix=true"
                + "&httpMethodRestrict=GET,POST,PUT,PATCH&mapHttpMessageFormUrlEncodedBody=false")
                .routeId(ROUTE_ID)
                .onException(FspiopException.class)
                    .handled(true)
                    .process(new InboundErrorResponder())
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(new InboundErrorResponder())
                .end()
                .process(new InboundRequestReader())
                .process(new InboundVersionCheck())
                .process(specificationCheck)
                .process(peerCheck)
                .process(signatureCheck)
                .process(tenantRouter)
                .process(new InboundMessage())
                .to(ExchangePattern.InOnly, "jms:queue:{{fspiop.inbound.queue}}?deliveryPersistent=true")
                .log(LoggingLevel.DEBUG, "Accepted ${header.fspiopMethod} ${header.fspiopPath} for tenant ${header.hubTenant}")
                .process(new InboundAccepted());
    }
}
