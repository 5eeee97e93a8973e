package io.paymenthub.core.health;

import java.util.Map;

/** The state of one part of the hub (broker, database, tenants...) with what an operator needs to know. */
public record ComponentHealth(String name, HealthStatus status, Map<String, Object> details) {

    public ComponentHealth {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ComponentHealth up(String name, Map<String, Object> details) {
        return new ComponentHealth(name, HealthStatus.UP, details);
    }

    public static ComponentHealth down(String name, String error) {
        return new ComponentHealth(name, HealthStatus.DOWN, Map.of("error", error == null ? "unknown" : error));
    }
}
