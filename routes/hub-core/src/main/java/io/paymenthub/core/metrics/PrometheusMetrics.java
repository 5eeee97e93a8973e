package io.paymenthub.core.metrics;

import java.util.List;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The node's metrics registry in Prometheus form: the hub's own meters ({@link MicrometerHubMetrics}),
 * the JVM's (heap, GC, threads, CPU, open file descriptors) and the gauges of {@link MetricsSource}s,
 * which are read just before each scrape. One per node; each node is scraped on its own and
 * Prometheus sums them.
 */
public class PrometheusMetrics implements AutoCloseable {

    /** The content type of the text format {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final List<MetricsSource> sources;
    private final HubMetrics hubMetrics = new MicrometerHubMetrics(registry);

    public PrometheusMetrics(List<MetricsSource> sources) {
        this.sources = List.copyOf(sources);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (MetricsSource source : this.sources) {
            source.bindTo(registry);
        }
    }

    /** What the flows count with. */
    public HubMetrics hubMetrics() {
        return hubMetrics;
    }

    /** Every meter now, in the Prometheus text format. */
    public String scrape() {
        for (MetricsSource source : sources) {
            source.refresh();
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
