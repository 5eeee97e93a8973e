package io.paymenthub.core.tenant;

import java.util.HashMap;
import java.util.Map;

/** Valid tenant configurations for the tests of every module (shared as hub-core's test jar). */
public final class TestTenantConfigs {

    private TestTenantConfigs() {
    }

    /** A valid configuration of tenant {@code name}, fspId {@code fspId}, on the given Fineract. */
    public static Map<String, Object> valid(String name, String fspId, String fineractUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("fspId", fspId);
        config.put("currencies", "USD");
        config.put("fineract.url", fineractUrl);
        config.put("fineract.tenantId", name);
        config.put("fineract.username", "mifos");
        config.put("fineract.password", "password");
        config.put("channel.clientId", name + "-channel");
        config.put("channel.secret", "channel-secret-" + name);
        config.put("ilp.secret", "ilp-secret-0123456789-" + name);
        return config;
    }

    public static Map<String, Object> valid(String name, String fspId) {
        return valid(name, fspId, "http://127.0.0.1:9080/fineract-provider/api/v1");
    }

    /** The tenant itself, parsed as the hub parses its file. */
    public static Tenant tenant(Map<String, Object> config) {
        try {
            return new TenantConfigParser().parse(config);
        } catch (InvalidTenantConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
