package io.paymenthub.core.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * Keeps the embedded database's file from growing under load: runs the store's compaction every
 * {@code periodMillis} (none when it is 0). See {@link io.paymenthub.core.schema.H2StoreCompaction}.
 */
public class DatabaseMaintenanceRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "database-compaction";

    private final Processor compaction;
    private final long periodMillis;

    public DatabaseMaintenanceRouteBuilder(Processor compaction, long periodMillis) {
        this.compaction = compaction;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        if (periodMillis <= 0) {
            return;
        }
        from("timer:" + ROUTE_ID + "?period=" + periodMillis + "&delay=" + periodMillis).routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "The database's file store could not be compacted: ${exception.message}")
                .end()
                .process(compaction);
    }
}
