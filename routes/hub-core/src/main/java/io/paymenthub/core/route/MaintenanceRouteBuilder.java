package io.paymenthub.core.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * A maintenance task of the hub's own, run on a timer every {@code periodMillis} after
 * {@code delayMillis}, in the route {@code routeId}: the embedded database's compaction
 * ({@code database-compaction}, {@link io.paymenthub.core.schema.H2StoreCompaction}), the journal's
 * retention ({@code journal-retention}, {@link io.paymenthub.core.schema.JournalRetention}). There is
 * no route while the task is off or its period is 0. A failed run is logged as {@code failure} and
 * the next run goes on.
 */
public class MaintenanceRouteBuilder extends RouteBuilder {

    private final String routeId;
    private final Processor task;
    private final boolean enabled;
    private final long periodMillis;
    private final long delayMillis;
    private final String failure;

    public MaintenanceRouteBuilder(String routeId, Processor task, boolean enabled, long periodMillis, long delayMillis, String failure) {
        this.routeId = routeId;
        this.task = task;
        this.enabled = enabled;
        this.periodMillis = periodMillis;
        this.delayMillis = delayMillis;
        this.failure = failure;
    }

    @Override
    public void configure() {
        if (!enabled || periodMillis <= 0) {
            return;
        }
        from("timer:" + routeId + "?period=" + periodMillis + "&delay=" + delayMillis).routeId(routeId)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, failure + ": ${exception.message}")
                .end()
                .process(task);
    }
}
