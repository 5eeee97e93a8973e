package io.paymenthub.connector.fineract;

import java.util.HashMap;
import java.util.Map;

import io.paymenthub.core.tenant.InvalidTenantConfigurationException;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantConfigParser;

/** Hub tenants pointing at a Fineract (simulator) URL, built the way the hub builds them from etc/. */
final class TestTenants {

    private TestTenants() {
    }

    static Tenant tenant(String name, String fineractUrl, String fineractTenantId) {
        return tenant(name, fineractUrl, fineractTenantId, "password");
    }

    static Tenant tenant(String name, String fineractUrl, String fineractTenantId, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("fspId", name + "fsp");
        config.put("currencies", "USD,TZS");
        config.put("fineract.url", fineractUrl);
        config.put("fineract.tenantId", fineractTenantId);
        config.put("fineract.username", "mifos");
        config.put("fineract.password", password);
        config.put("channel.clientId", name + "-channel");
        config.put("channel.secret", "channel-secret");
        config.put("ilp.secret", "ilp-secret-0123456789");
        try {
            return new TenantConfigParser().parse(config);
        } catch (InvalidTenantConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
