package io.paymenthub.core.tenant;

import java.util.Map;

/** Lets tests of other packages build a valid tenant configuration. */
public final class TenantConfigParserTestAccess {

    private TenantConfigParserTestAccess() {
    }

    public static Map<String, Object> validConfig(String name, String fspId) {
        return TenantConfigParserTest.validConfig(name, fspId);
    }
}
