package io.paymenthub.core.health;

/** One part of the hub that {@code GET /health} reports on. A check never throws: it reports DOWN. */
public interface HealthCheck {

    String name();

    ComponentHealth check();
}
