package io.paymenthub.sample;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.core.tenant.TenantDirectory;

/**
 * What a hot-deployed connector looks like: its own CamelContext, routes with explicit ids, a
 * REST endpoint on the hub's HTTP port and the shared tenant registry.
 */
public class SampleConnectorRouteBuilder extends RouteBuilder {

    private final TenantDirectory tenants;

    public SampleConnectorRouteBuilder(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @Override
    public void configure() {
        restConfiguration().component("jetty").host("{{hub.http.host}}").port("{{hub.http.port}}");

        rest("/sample/ping").get().to("direct:sample-connector-ping");

        from("direct:sample-connector-ping").routeId("sample-connector-ping")
                .setBody(exchange -> "pong from the sample connector, tenants: " + tenants.tenants().size());

        from("timer:sample-connector?period=5000").routeId("sample-connector-heartbeat")
                .log(LoggingLevel.DEBUG, "sample connector alive");
    }
}
