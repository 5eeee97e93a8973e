package io.paymenthub.core.route;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.paymenthub.core.metrics.PrometheusMetrics;

import io.paymenthub.core.tenant.ChannelLogins;
import io.paymenthub.core.tenant.ChannelLogins.LoginRefusedException;
import io.paymenthub.core.tenant.Tenant;

/**
 * {@code GET /metrics} for a Prometheus server: the node's metrics in Prometheus text, to the
 * scraper's HTTP Basic login ({@code metrics.username}, {@code metrics.passwordHash}) only, under
 * the channel logins' rules (slow hash, lockout). Without a configured password nobody may scrape:
 * per-tenant volumes are business data.
 */
public class MetricsScrapeProcessor implements Processor {

    private static final String LOCKOUT_NAME = "metrics-scraper";

    private final PrometheusMetrics metrics;
    private final ChannelLogins logins;
    private final Tenant.ChannelCredentials scraper;

    /**
     * @param passwordHash the scraper's password as {@code hub:metrics-secret} stores it, or blank for no scraper
     */
    public MetricsScrapeProcessor(PrometheusMetrics metrics, ChannelLogins logins, String username, String passwordHash) {
        this.metrics = metrics;
        this.logins = logins;
        this.scraper = passwordHash == null || passwordHash.isBlank() ? null : new Tenant.ChannelCredentials(username, passwordHash.trim());
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Optional<String[]> credentials = ChannelLogins.basicCredentials(message.getHeader("Authorization", String.class));
        message.removeHeaders("*");
        if (scraper == null) {
            refuse(message, 401, "No metrics scraper is configured: set metrics.passwordHash in etc/io.paymenthub.hub.cfg (hub:metrics-secret)");
            return;
        }
        try {
            logins.check(LOCKOUT_NAME, credentials.map(c -> c[0]).orElse(null), credentials.map(c -> c[1]).orElse(null), scraper);
        } catch (LoginRefusedException e) {
            refuse(message, 401, e.getMessage());
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, PrometheusMetrics.CONTENT_TYPE);
        message.setBody(metrics.scrape());
    }

    private static void refuse(Message message, int status, String reason) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader("WWW-Authenticate", "Basic realm=\"payment-hub-metrics\"");
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(reason + "\n");
    }
}
