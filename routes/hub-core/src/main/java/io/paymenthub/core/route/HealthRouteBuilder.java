package io.paymenthub.core.route;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;

import io.paymenthub.core.http.ListenerFilters;

/**
 * {@code GET /health}: the broker, the database and the tenants, each reported, with the HTTP
 * status following the overall state (200 UP, 503 DOWN). Host and port come from the
 * {@code hub.http.host} and {@code hub.http.port} properties (Config Admin PID {@code io.paymenthub.hub}).
 */
public class HealthRouteBuilder extends RouteBuilder {

    /** Camel inlines the REST route into this one, so it is the route that serves the endpoint. */
    public static final String REPORT_ROUTE_ID = "health-report";

    private final HealthReportProcessor reportProcessor;

    public HealthRouteBuilder(HealthReportProcessor reportProcessor) {
        this.reportProcessor = reportProcessor;
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
    }
}
