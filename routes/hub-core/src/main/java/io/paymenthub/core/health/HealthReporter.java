package io.paymenthub.core.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every health check and builds the report; a check that throws counts as DOWN. */
public class HealthReporter {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final List<HealthCheck> checks;
    private final List<HealthCheck> published;
    private final Clock clock;
    /** Each component's status at the last report. */
    private final Map<String, HealthStatus> lastStatus = new ConcurrentHashMap<>();

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
            components.add(health);
        }
        for (Change change : changes(components)) {
            if (change.down()) {
                LOG.warn(change.line());
            } else {
                LOG.info(change.line());
            }
        }
        return HealthReport.of(components, clock.instant());
    }

    /**
     * What changed since the last report, one line a component that went DOWN or came back UP: a
     * balancer asks every second or two, and a component that stays DOWN (a node starting, a broker
     * away) is told once, not at every ask.
     */
    List<Change> changes(List<ComponentHealth> components) {
        List<Change> changes = new ArrayList<>();
        for (ComponentHealth health : components) {
            HealthStatus before = lastStatus.put(health.name(), health.status());
            if (health.status() == HealthStatus.DOWN && before != HealthStatus.DOWN) {
                changes.add(new Change(true, "Health check " + health.name() + " is DOWN: " + health.details()));
            } else if (health.status() == HealthStatus.UP && before == HealthStatus.DOWN) {
                changes.add(new Change(false, "Health check " + health.name() + " is UP again"));
            } else if (health.status() == HealthStatus.DOWN) {
                LOG.debug("Health check {} is still DOWN: {}", health.name(), health.details());
            }
        }
        return changes;
    }

    /** A component gone DOWN (a warning) or back UP, and the line that tells it. */
    record Change(boolean down, String line) {
    }
}
