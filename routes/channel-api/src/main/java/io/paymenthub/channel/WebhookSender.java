package io.paymenthub.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.flow.payer.PayerMessages;

/**
 * Posts a notification to the tenant's notification endpoint. Anything but a 2xx answer throws,
 * so the broker redelivers the notification later with its back-off; the flows never wait for it.
 */
public class WebhookSender implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final TenantDirectory tenants;
    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(TenantDirectory tenants, long timeoutMillis) {
        this.tenants = tenants;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String tenantName = exchange.getMessage().getHeader(PayerMessages.TENANT, String.class);
        Tenant tenant = tenants.byName(tenantName).orElse(null);
        if (tenant == null || tenant.notificationUrl() == null) {
            return; // the tenant was removed, or no longer wants HTTP notifications
        }
        URI url = tenant.notificationUrl();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .header(ChannelAuthenticator.TENANT_HEADER, tenant.name())
                .POST(HttpRequest.BodyPublishers.ofString(exchange.getMessage().getBody(String.class))).build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.warn("Notification of {} to {} failed ({}): it will be sent again", tenant.name(), url, e.getMessage());
            throw e;
        }
        if (status / 100 != 2) {
            LOG.warn("Notification of {} to {} answered {}: it will be sent again", tenant.name(), url, status);
            throw new IOException("Notification endpoint of " + tenant.name() + " answered " + status);
        }
        LOG.debug("Notification of {} delivered to {}", tenant.name(), url);
    }
}
