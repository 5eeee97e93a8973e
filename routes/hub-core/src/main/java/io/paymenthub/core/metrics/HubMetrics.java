package io.paymenthub.core.metrics;

import java.time.Duration;

/**
 * What the hub counts and times for operators, per tenant: each journalled record that ends (a
 * transfer on either side, a request to pay, a batch) and each call to a core-banking system. The
 * container publishes one as an OSGi service ({@link MicrometerHubMetrics}, scraped as Prometheus
 * text on {@code GET /metrics}); flows use this interface only, so they need no metrics library.
 */
public interface HubMetrics {

    /** The kinds of record whose ends are counted: the {@code flow} label. */
    String PAYER_TRANSFER = "payer-transfer";
    String PAYEE_TRANSFER = "payee-transfer";
    String REQUEST_TO_PAY = "request-to-pay";
    String BATCH = "batch";

    /** A record of {@code flow} reached the final {@code state}, {@code took} after it was recorded. */
    void ended(String flow, String tenant, String state, Duration took);

    /**
     * A call to the tenant's core-banking system returned ({@code outcome} "ok") or failed (the
     * outcome is the error's kind, e.g. "UNAVAILABLE", "INSUFFICIENT_FUNDS").
     */
    void accountSystemCall(String tenant, String connector, String operation, String outcome, Duration took);

    /** Counts nothing: for tests and tools that run flows without a container. */
    HubMetrics NONE = new HubMetrics() {
        @Override
        public void ended(String flow, String tenant, String state, Duration took) {
        }

        @Override
        public void accountSystemCall(String tenant, String connector, String operation, String outcome, Duration took) {
        }
    };
}
