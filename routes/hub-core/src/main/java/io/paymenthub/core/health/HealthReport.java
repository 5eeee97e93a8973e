package io.paymenthub.core.health;

import java.time.Instant;
import java.util.List;

/** What {@code GET /health} answers: the overall status, derived from every component's. */
/** @param checkedAt ISO-8601 instant of the check */
public record HealthReport(HealthStatus status, String checkedAt, List<ComponentHealth> components) {

    public HealthReport {
        components = List.copyOf(components);
    }

    public static HealthReport of(List<ComponentHealth> components, Instant checkedAt) {
        HealthStatus overall = components.stream().anyMatch(c -> c.status() == HealthStatus.DOWN)
                ? HealthStatus.DOWN : HealthStatus.UP;
        return new HealthReport(overall, checkedAt.toString(), components);
    }

    public int httpStatus() {
        return status == HealthStatus.UP ? 200 : 503;
    }
}
