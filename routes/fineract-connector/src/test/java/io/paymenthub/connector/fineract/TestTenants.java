package io.paymenthub.connector.fineract;

import java.util.Map;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;

/** Hub tenants pointing at a Fineract (simulator) URL, built the way the hub builds them from etc/. */
final class TestTenants {

    private TestTenants() {
    }

    static Tenant tenant(String name, String fineractUrl, String fineractTenantId) {
        return tenant(name, fineractUrl, fineractTenantId, "password");
    }

    static Tenant tenant(String name, String fineractUrl, String fineractTenantId, String password) {
        Map<String, Object> config = TestTenantConfigs.valid(name, name + "fsp", fineractUrl);
        config.put("currencies", "USD,TZS");
        config.put("fineract.tenantId", fineractTenantId);
        config.put("fineract.password", password);
        return TestTenantConfigs.tenant(config);
    }
}
