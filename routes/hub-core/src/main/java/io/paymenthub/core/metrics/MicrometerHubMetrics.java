package io.paymenthub.core.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link HubMetrics} as Micrometer timers, so each is a Prometheus histogram whose {@code _count}
 * counts and whose buckets give latencies:
 * {@code paymenthub_flow_duration_seconds{flow,tenant,state}} (records that ended, from their
 * creation) and {@code paymenthub_core_banking_calls_seconds{tenant,connector,operation,outcome}}.
 * The buckets are fixed (not Micrometer's ~70 per series) so that a series stays small.
 */
public class MicrometerHubMetrics implements HubMetrics {

    static final String FLOW_DURATION = "paymenthub.flow.duration";
    static final String CORE_BANKING_CALLS = "paymenthub.core.banking.calls";

    private static final Duration[] FLOW_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600);
    private static final Duration[] CALL_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);

    private final MeterRegistry registry;

    public MicrometerHubMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void ended(String flow, String tenant, String state, Duration took) {
        Timer.builder(FLOW_DURATION)
                .description("Journalled records that reached a final state, by flow, tenant and state, with the time since they were recorded")
                .tags("flow", flow, "tenant", tenant, "state", state)
                .serviceLevelObjectives(FLOW_BUCKETS)
                .register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public void accountSystemCall(String tenant, String connector, String operation, String outcome, Duration took) {
        Timer.builder(CORE_BANKING_CALLS)
                .description("Calls to the tenants' core-banking systems, by operation and outcome")
                .tags("tenant", tenant, "connector", connector, "operation", operation, "outcome", outcome)
                .serviceLevelObjectives(CALL_BUCKETS)
                .register(registry)
                .record(took);
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
