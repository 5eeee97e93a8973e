package io.paymenthub.connector.fineract;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.core.tenant.Tenant;

/**
 * Turns the {@link FineractCall} in the body into the HTTP request for the tenant in the
 * {@link FineractConnectorRouteBuilder#TENANT} property: URL, method, Fineract's tenant header,
 * preemptive Basic authentication and the idempotency key. Nothing else travels as a header.
 */
public class FineractHttpRequestProcessor implements Processor {

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        FineractCall call = exchange.getMessage().getMandatoryBody(FineractCall.class);
        Tenant tenant = exchange.getProperty(FineractConnectorRouteBuilder.TENANT, Tenant.class);
        Tenant.FineractEndpoint fineract = tenant.fineract();
        exchange.setProperty(FineractConnectorRouteBuilder.CALL, call);

        Message message = exchange.getMessage();
        message.getHeaders().clear();
        String base = fineract.baseUrl().toString();
        message.setHeader(Exchange.HTTP_URI, (base.endsWith("/") ? base : base + "/") + call.path());
        // The enum itself: from a String, Camel looks for a converter through its whole registry on every call.
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(call.method()));
        message.setHeader("Fineract-Platform-TenantId", fineract.tenantId());
        String credentials = fineract.username() + ":" + fineract.password();
        message.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        message.setHeader("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            message.setHeader("Idempotency-Key", call.idempotencyKey());
        }
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(FineractJson.write(call.body()));
        } else {
            message.setBody(null);
        }
    }
}
