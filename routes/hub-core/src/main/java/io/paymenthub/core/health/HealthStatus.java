package io.paymenthub.core.health;

/** UP: working. DOWN: not working; the hub as a whole answers 503 while any part is DOWN. */
public enum HealthStatus {
    UP, DOWN
}
