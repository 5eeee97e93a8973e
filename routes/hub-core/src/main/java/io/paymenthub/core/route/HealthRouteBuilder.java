package io.paymenthub.core.route;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import io.paymenthub.core.http.ListenerFilters;
import io.paymenthub.core.metrics.PrometheusMetrics;

/**
 * The operators' endpoints. {@code GET /health}: the broker, the database and the tenants, each
 * reported, with the HTTP status following the overall state (200 UP, 503 DOWN). {@code GET /metrics}:
 * Prometheus text, to the configured scraper only ({@link MetricsScrapeProcessor}). Host and port come from the
 * {@code hub.http.host} and {@code hub.http.port} properties (Config Admin PID {@code io.paymenthub.hub}).
 */
public class HealthRouteBuilder extends RouteBuilder {

    /** Camel inlines the REST route into this one, so it is the route that serves the endpoint. */
    public static final String REPORT_ROUTE_ID = "health-report";
    public static final String METRICS_ROUTE_ID = "metrics-scrape";

    private final HealthReportProcessor reportProcessor;
    private final MetricsScrapeProcessor metricsProcessor;

    public HealthRouteBuilder(HealthReportProcessor reportProcessor) {
        this(reportProcessor, null);
    }

    /** @param metricsProcessor null for no {@code /metrics} */
    public HealthRouteBuilder(HealthReportProcessor reportProcessor, MetricsScrapeProcessor metricsProcessor) {
        this.reportProcessor = reportProcessor;
        this.metricsProcessor = metricsProcessor;
    }

    @Override
    public void configure() {
        // GET only, yet a listener all the same: a body over hub.http.maxRequestBytes is refused 413 unread.
        String filters = ListenerFilters.bind(getContext(), "healthListenerFilters", "hub.http.maxRequestBytes", "application/json",
                maxBytes -> "{\"status\":\"PAYLOAD_TOO_LARGE\"}");
        restConfiguration()
                .component("jetty")
                .host("{{hub.http.host}}")
                .port("{{hub.http.port}}")
                .endpointProperty("filters", filters)
                .bindingMode(RestBindingMode.off);

        rest("/health")
                .get()
                .produces("application/json")
                .to("direct:health-report");

        from("direct:health-report")
                .routeId(REPORT_ROUTE_ID)
                .process(reportProcessor);

        if (metricsProcessor != null) {
            rest("/metrics")
                    .get()
                    .produces(PrometheusMetrics.CONTENT_TYPE)
                    .to("direct:" + METRICS_ROUTE_ID);

            from("direct:" + METRICS_ROUTE_ID)
                    .routeId(METRICS_ROUTE_ID)
                    .process(metricsProcessor);
        }
    }
}
