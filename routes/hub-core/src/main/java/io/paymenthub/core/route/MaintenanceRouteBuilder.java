package io.paymenthub.core.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.core.cluster.Singletons;

/**
 * A maintenance task of the hub's own, run on a timer every {@code periodMillis} after
 * {@code delayMillis}, in the route {@code routeId}: the embedded database's compaction
 * ({@code database-compaction}, {@link io.paymenthub.core.schema.H2StoreCompaction}), the journal's
 * retention ({@code journal-retention}, {@link io.paymenthub.core.schema.JournalRetention}). There is
 * no route while the task is off or its period is 0. A failed run is logged as {@code failure} and
 * the next run goes on. A task on the shared database (retention, the reconciliation schedule) runs
 * on one node of a cluster at a time; the embedded database's compaction on each node.
 */
public class MaintenanceRouteBuilder extends RouteBuilder {

    private final String routeId;
    private final Processor task;
    private final boolean enabled;
    private final long periodMillis;
    private final long delayMillis;
    private final String failure;
    private final boolean oneNode;

    public MaintenanceRouteBuilder(String routeId, Processor task, boolean enabled, long periodMillis, long delayMillis, String failure) {
        this(routeId, task, enabled, periodMillis, delayMillis, failure, false);
    }

    /** @param oneNode whether one node of a cluster runs the task at a time ({@link Singletons}), or each node its own */
    public MaintenanceRouteBuilder(String routeId, Processor task, boolean enabled, long periodMillis, long delayMillis, String failure,
                                   boolean oneNode) {
        this.oneNode = oneNode;
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
        String timer = "timer:" + routeId + "?period=" + periodMillis + "&delay=" + delayMillis;
        from(oneNode ? Singletons.oneNodeAtATime(getContext(), routeId, timer) : timer).routeId(routeId)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, failure + ": ${exception.message}")
                .end()
                .process(task);
    }
}
