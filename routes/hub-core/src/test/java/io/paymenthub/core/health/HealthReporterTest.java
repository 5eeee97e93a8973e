package io.paymenthub.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A component that goes DOWN is told once, and again when it comes back, however often /health is asked meanwhile. */
class HealthReporterTest {

    private final HealthReporter reporter = new HealthReporter(List.of());

    @Test
    void aComponentThatStaysDownIsToldOnceAndItsReturnOnce() {
        ComponentHealth starting = ComponentHealth.down("bundles", "2 of the hub's bundles not running");
        ComponentHealth broker = ComponentHealth.up("broker", Map.of("roundTripMillis", 12));

        assertThat(reporter.changes(List.of(starting, broker))).containsExactly(new HealthReporter.Change(true,
                "Health check bundles is DOWN: {error=2 of the hub's bundles not running}"));
        assertThat(reporter.changes(List.of(starting, broker))).as("asked again while still down").isEmpty();
        assertThat(reporter.changes(List.of(ComponentHealth.up("bundles", Map.of("bundles", 24)), broker)))
                .containsExactly(new HealthReporter.Change(false, "Health check bundles is UP again"));
        assertThat(reporter.changes(List.of(ComponentHealth.up("bundles", Map.of("bundles", 24)), broker))).isEmpty();
        assertThat(reporter.changes(List.of(ComponentHealth.up("bundles", Map.of("bundles", 24)), ComponentHealth.down("broker", "timeout"))))
                .containsExactly(new HealthReporter.Change(true, "Health check broker is DOWN: {error=timeout}"));
    }
}
