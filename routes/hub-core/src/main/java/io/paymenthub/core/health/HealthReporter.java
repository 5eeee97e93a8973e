package io.paymenthub.core.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every health check and builds the report; a check that throws counts as DOWN. */
public class HealthReporter {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final List<HealthCheck> checks;
    private final List<HealthCheck> published;
    private final Clock clock;

    public HealthReporter(List<HealthCheck> checks) {
        this(checks, List.of(), Clock.systemUTC());
    }

    /** @param published the checks other bundles publish as services: a live list, read at each report */
    public HealthReporter(List<HealthCheck> checks, List<HealthCheck> published) {
        this(checks, published, Clock.systemUTC());
    }

    public HealthReporter(List<HealthCheck> checks, List<HealthCheck> published, Clock clock) {
        this.checks = List.copyOf(checks);
        this.published = published;
        this.clock = clock;
    }

    public HealthReport report() {
        List<HealthCheck> all = new ArrayList<>(checks);
        try {
            all.addAll(published);
        } catch (RuntimeException gone) {
            LOG.debug("A published health check went away while being read: {}", gone.toString());
        }
        List<ComponentHealth> components = new ArrayList<>();
        for (HealthCheck check : all) {
            ComponentHealth health;
            try {
                health = check.check();
            } catch (RuntimeException e) {
                health = ComponentHealth.down(check.name(), e.toString());
            }
            if (health.status() == HealthStatus.DOWN) {
                LOG.warn("Health check {} is DOWN: {}", check.name(), health.details());
            }
            components.add(health);
        }
        return HealthReport.of(components, clock.instant());
    }
}
