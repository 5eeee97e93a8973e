package io.paymenthub.connector.mojaloop.security;

import java.util.LinkedHashMap;
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
        details.put("transport", tls.enabled() ? "HTTPS, client certificates required" : "plain HTTP");
        details.put("signatures", jws.signs() && jws.verifies() ? "signed and verified"
                : jws.signs() ? "signed, not verified" : jws.verifies() ? "verified, not signed" : "none");
        StringBuilder insecure = new StringBuilder();
        if (!tls.enabled()) {
            insecure.append("plain HTTP (tls = false)");
        }
        if (!jws.signs() || !jws.verifies()) {
            insecure.append(insecure.length() == 0 ? "" : "; ").append("FSPIOP signatures ").append(jws.signs() ? "not verified"
                    : jws.verifies() ? "not made" : "off");
        }
        details.put("insecure", insecure.length() > 0);
        if (insecure.length() > 0) {
            details.put("warning", "INSECURE: " + insecure);
        }
        String missing = tls.enabled() ? tls.missingStores() : null;
        if (missing != null) {
            details.put("error", "cannot read " + missing);
            return new ComponentHealth(name(), HealthStatus.DOWN, details);
        }
        return ComponentHealth.up(name(), details);
    }
}
