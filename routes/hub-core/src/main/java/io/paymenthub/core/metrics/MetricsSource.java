package io.paymenthub.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges whose values are read from elsewhere (the broker's queues) once per scrape, not once per
 * gauge: {@link #bindTo} registers them, {@link #refresh} reads their values just before a scrape.
 */
public interface MetricsSource {

    void bindTo(MeterRegistry registry);

    /** Reads the values now; a source that cannot be read keeps its last values and says so in its log. */
    void refresh();
}
