package io.paymenthub.karaf.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;

class TenantConfigurationFactoryTest {

    private final TenantRegistry registry = new TenantRegistry();
    private final TenantConfigurationFactory factory = new TenantConfigurationFactory(registry);

    private static Hashtable<String, Object> tenantFile(String name, String fspId) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", "io.paymenthub.tenant." + name);
        properties.put("service.factoryPid", TenantConfigurationFactory.FACTORY_PID);
        properties.put("felix.fileinstall.filename", "file:/opt/hub/etc/io.paymenthub.tenant-" + name + ".cfg");
        properties.put("name", name);
        properties.put("fspId", fspId);
        properties.put("currencies", "USD");
        properties.put("fineract.url", "http://127.0.0.1:9080/fineract-provider/api/v1");
        properties.put("fineract.tenantId", name);
        properties.put("fineract.username", "mifos");
        properties.put("fineract.password", "password");
        properties.put("channel.clientId", name + "-channel");
        properties.put("channel.secret", "secret");
        properties.put("ilp.secret", "0123456789abcdef");
        return properties;
    }

    @Test
    void addsChangesAndRemovesTenantsAsTheirFilesDo() {
        factory.updated("pid-a", tenantFile("dfsp1", "payerfsp"));
        factory.updated("pid-b", tenantFile("dfsp2", "payeefsp"));

        assertThat(registry.tenants()).extracting(Tenant::fspId).containsExactly("payerfsp", "payeefsp");

        Hashtable<String, Object> changed = tenantFile("dfsp2", "payeefsp");
        changed.put("currencies", "TZS");
        factory.updated("pid-b", changed);
        factory.deleted("pid-a");

        assertThat(registry.tenants()).singleElement().satisfies(t -> assertThat(t.currencies()).containsExactly("TZS"));
    }

    @Test
    void aBrokenFileIsRecordedWithItsPathAndNothingIsThrownAtConfigAdmin() {
        Hashtable<String, Object> broken = tenantFile("dfsp3", "fsp3");
        broken.remove("fineract.url");

        factory.updated("pid-c", broken);

        assertThat(registry.tenants()).isEmpty();
        assertThat(registry.rejected()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("/opt/hub/etc/io.paymenthub.tenant-dfsp3.cfg");
            assertThat(r.problems()).containsExactly("fineract.url is required");
        });
    }
}
