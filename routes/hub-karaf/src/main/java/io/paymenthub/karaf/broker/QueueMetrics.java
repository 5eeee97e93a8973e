package io.paymenthub.karaf.broker;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import io.paymenthub.core.metrics.MetricsSource;

/**
 * The broker's queues as gauges, read once per scrape with one statistics request:
 * {@code paymenthub_queue_messages{queue}} (waiting, dead-letter queues {@code DLQ.*} included) and
 * {@code paymenthub_queue_consumers{queue}}. A queue that is gone leaves the scrape with it.
 */
public class QueueMetrics implements MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);

    private final DeadLetters broker;
    private final String pattern;
    private MultiGauge messages;
    private MultiGauge consumers;

    /** @param pattern the queues to report, with ActiveMQ wildcards ({@code >} for all) */
    public QueueMetrics(DeadLetters broker, String pattern) {
        this.broker = broker;
        this.pattern = pattern;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        messages = MultiGauge.builder("paymenthub.queue.messages").description("Messages waiting in a broker queue (DLQ.* are dead letters)")
                .register(registry);
        consumers = MultiGauge.builder("paymenthub.queue.consumers").description("Consumers of a broker queue").register(registry);
    }

    @Override
    public void refresh() {
        List<DeadLetters.QueueStatistics> queues;
        try {
            queues = broker.queueStatistics(pattern);
        } catch (Exception e) {
            LOG.warn("The broker's queue statistics could not be read for the metrics: {}", e.getMessage());
            return;
        }
        List<MultiGauge.Row<?>> sizes = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        for (DeadLetters.QueueStatistics queue : queues) {
            Tags tags = Tags.of("queue", queue.name());
            sizes.add(MultiGauge.Row.of(tags, queue.size()));
            counts.add(MultiGauge.Row.of(tags, queue.consumers()));
        }
        messages.register(sizes, true);
        consumers.register(counts, true);
    }
}
