package io.paymenthub.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.tenant.TenantConfigParserTestAccess;
import io.paymenthub.core.tenant.TenantRegistry;

class TenantsHealthCheckTest {

    @Test
    @SuppressWarnings("unchecked")
    void listsTenantsAndRefusedFilesWithoutGoingDown() throws Exception {
        TenantRegistry registry = new TenantRegistry();
        registry.update("pid-1", "etc/io.paymenthub.tenant-dfsp1.cfg", TenantConfigParserTestAccess.validConfig("dfsp1", "payerfsp"));
        assertThatThrownBy(() -> registry.update("pid-2", "etc/io.paymenthub.tenant-bad.cfg", Map.of("name", "bad")))
                .isInstanceOf(Exception.class);

        ComponentHealth health = new TenantsHealthCheck(registry).check();

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.details()).containsEntry("count", 1);
        List<Map<String, Object>> tenants = (List<Map<String, Object>>) health.details().get("tenants");
        assertThat(tenants).singleElement().satisfies(t -> assertThat(t)
                .containsEntry("name", "dfsp1").containsEntry("fspId", "payerfsp").doesNotContainKey("fineract"));
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) health.details().get("rejected");
        assertThat(rejected).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("source", "etc/io.paymenthub.tenant-bad.cfg"));
        assertThat(health.toString()).doesNotContain("fineract-password", "channel-secret-value");
    }
}
