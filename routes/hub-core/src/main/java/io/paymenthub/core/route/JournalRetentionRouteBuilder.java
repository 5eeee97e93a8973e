package io.paymenthub.core.route;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.core.schema.JournalRetention;

/**
 * Runs the {@link JournalRetention} every {@code periodMillis}, the first time a minute after the
 * hub starts; no route at all while the retention keeps everything. A failed run is logged and
 * the next one goes on where it stopped.
 */
public class JournalRetentionRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "journal-retention";

    private final JournalRetention retention;
    private final long periodMillis;

    public JournalRetentionRouteBuilder(JournalRetention retention, long periodMillis) {
        this.retention = retention;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        if (!retention.enabled() || periodMillis <= 0) {
            return;
        }
        from("timer:" + ROUTE_ID + "?period=" + periodMillis + "&delay=60000").routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Old journal rows could not be deleted: ${exception.message}")
                .end()
                .process(retention);
    }
}
