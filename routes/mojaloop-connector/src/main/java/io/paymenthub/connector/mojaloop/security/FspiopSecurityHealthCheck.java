package io.paymenthub.connector.mojaloop.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paymenthub.core.health.ComponentHealth;
import io.paymenthub.core.health.HealthCheck;
import io.paymenthub.core.health.HealthStatus;

/**
 * The FSPIOP edge's protection in {@code GET /health}: how the switch is authenticated (mutual TLS,
 * FSPIOP signatures) and, in {@code insecure}, every protection that is turned off. A store that TLS
 * needs and cannot read is DOWN: the switch cannot reach the hub.
 */
public class FspiopSecurityHealthCheck implements HealthCheck {

    private final FspiopTls tls;
    private final FspiopJws jws;

    public FspiopSecurityHealthCheck(FspiopTls tls, FspiopJws jws) {
        this.tls = tls;
        this.jws = jws;
    }

    @Override
    public String name() {
        return "fspiopSecurity";
    }

    @Override
    public ComponentHealth check() {
        Map<String, Object> details = new LinkedHashMap<>();
        String signatures = jws.signs() && jws.verifies() ? "signed and verified"
                : jws.signs() ? "signed, not verified" : jws.verifies() ? "verified, not signed" : "none";
        details.put("transport", tls.enabled() ? "HTTPS, client certificates required" : "plain HTTP");
        details.put("signatures", signatures);
        List<String> insecure = new ArrayList<>();
        if (!tls.enabled()) {
            insecure.add("plain HTTP (tls = false)");
        }
        if (!jws.signs() || !jws.verifies()) {
            insecure.add("FSPIOP signatures: " + signatures);
        }
        details.put("insecure", !insecure.isEmpty());
        if (!insecure.isEmpty()) {
            details.put("warning", "INSECURE: " + String.join("; ", insecure));
        }
        String missing = tls.enabled() ? tls.missingStores() : null;
        if (missing != null) {
            details.put("error", "cannot read " + missing);
            return new ComponentHealth(name(), HealthStatus.DOWN, details);
        }
        return ComponentHealth.up(name(), details);
    }
}
