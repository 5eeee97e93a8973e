package io.paymenthub.connector.mojaloop.inbound;

import java.sql.SQLException;
import java.util.List;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.connector.mojaloop.dispatch.InboundDispatcher;
import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.core.http.ListenerFilters;
import io.paymenthub.core.step.Emit;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;

/**
 * The FSPIOP API the switch calls ({@code fspiop.http.host}:{@code fspiop.http.port}): every
 * request is checked (headers and version, the OpenAPI document of that version, its sender and
 * its signature, destination tenant), put on the persistent queue it goes to ({@link InboundDispatcher}:
 * a request on its flows' queue, a callback on the queue where its request waits) and only then
 * answered 202, so nothing accepted can be lost; what fails a check is answered at once with
 * {@code errorInformation}. What cannot be handed on because the database is unreachable is
 * stored on {@code fspiop.inbound.queue} instead, for {@code fspiop-dispatch} to hand on later.
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
    private final InboundDispatcher dispatcher;

    public FspiopInboundRouteBuilder(InboundSpecificationCheck specificationCheck, InboundTenantRouter tenantRouter,
                                     InboundPeerCheck peerCheck, InboundSignatureCheck signatureCheck, FspiopTls tls,
                                     InboundDispatcher dispatcher) {
        this.specificationCheck = specificationCheck;
        this.tenantRouter = tenantRouter;
        this.peerCheck = peerCheck;
        this.signatureCheck = signatureCheck;
        this.tls = tls;
        this.dispatcher = dispatcher;
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
        String inboundQueue = getContext().resolvePropertyPlaceholders("{{fspiop.inbound.queue}}");
        Emit.sendEach(from(listener() + "matchOnUriPrefix=true"
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
                .doTry()
                    .process(dispatcher)
                .doCatch(SQLException.class)
                    .log(LoggingLevel.WARN, "The database is unreachable (${exception.message}): ${header.fspiopMethod} "
                            + "${header.fspiopPath} for tenant ${header.hubTenant} is stored to be handed on later")
                    .process(exchange -> exchange.getMessage().setBody(List.of(new Emit(inboundQueue,
                            InboundMessage.facts(exchange.getMessage()), exchange.getMessage().getBody(String.class)))))
                .end())
                .log(LoggingLevel.DEBUG, "Accepted ${header.fspiopMethod} ${header.fspiopPath} for tenant ${header.hubTenant}")
                .process(new InboundAccepted());
    }
}
