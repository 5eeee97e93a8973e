package io.paymenthub.core.tenant;

import static io.paymenthub.core.tenant.TenantConfigParserTest.validConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TenantRegistryTest {

    private final TenantRegistry registry = new TenantRegistry();
    private final List<String> events = new ArrayList<>();

    private final TenantDirectory.Listener recorder = new TenantDirectory.Listener() {
        @Override
        public void tenantAdded(Tenant tenant) {
            events.add("added " + tenant.name());
        }

        @Override
        public void tenantRemoved(Tenant tenant) {
            events.add("removed " + tenant.name());
        }
    };

    @Test
    void findsTenantsByNameAndByFspId() throws Exception {
        registry.update("pid-1", "etc/a.cfg", validConfig("dfsp1", "payerfsp"));
        registry.update("pid-2", "etc/b.cfg", validConfig("dfsp2", "payeefsp"));

        assertThat(registry.tenants()).extracting(Tenant::name).containsExactly("dfsp1", "dfsp2");
        assertThat(registry.byName("dfsp2")).map(Tenant::fspId).contains("payeefsp");
        assertThat(registry.byFspId("payerfsp")).map(Tenant::name).contains("dfsp1");
        assertThat(registry.byName("unknown")).isEmpty();
        assertThat(registry.byFspId("unknown")).isEmpty();
    }

    @Test
    void aChangedFileReplacesTheTenantAndARemovedFileForgetsIt() throws Exception {
        registry.addListener(recorder);
        registry.update("pid-1", "etc/a.cfg", validConfig("dfsp1", "payerfsp"));
        Map<String, Object> changed = validConfig("dfsp1", "payerfsp");
        changed.put("currencies", "KES");
        registry.update("pid-1", "etc/a.cfg", changed);

        assertThat(registry.byName("dfsp1")).map(Tenant::currencies).contains(List.of("KES"));

        registry.remove("pid-1");

        assertThat(registry.tenants()).isEmpty();
        assertThat(events).containsExactly("added dfsp1", "removed dfsp1", "added dfsp1", "removed dfsp1");
    }

    @Test
    void aBrokenFileIsRecordedAndTheOtherTenantsKeepWorking() throws Exception {
        registry.update("pid-1", "etc/a.cfg", validConfig("dfsp1", "payerfsp"));
        Map<String, Object> broken = validConfig("dfsp2", "payeefsp");
        broken.remove("fspId");

        assertThatThrownBy(() -> registry.update("pid-2", "etc/b.cfg", broken))
                .isInstanceOf(InvalidTenantConfigurationException.class);

        assertThat(registry.tenants()).extracting(Tenant::name).containsExactly("dfsp1");
        assertThat(registry.rejected()).singleElement().satisfies(r -> {
            assertThat(r.pid()).isEqualTo("pid-2");
            assertThat(r.source()).isEqualTo("etc/b.cfg");
            assertThat(r.problems()).containsExactly("fspId is required");
        });

        registry.update("pid-2", "etc/b.cfg", validConfig("dfsp2", "payeefsp"));

        assertThat(registry.rejected()).isEmpty();
        assertThat(registry.tenants()).extracting(Tenant::name).containsExactly("dfsp1", "dfsp2");
    }

    @Test
    void aTenantWhoseFileBreaksStopsBeingServed() throws Exception {
        registry.addListener(recorder);
        registry.update("pid-1", "etc/a.cfg", validConfig("dfsp1", "payerfsp"));
        Map<String, Object> broken = validConfig("dfsp1", "payerfsp");
        broken.put("fineract.url", "nonsense");

        assertThatThrownBy(() -> registry.update("pid-1", "etc/a.cfg", broken))
                .isInstanceOf(InvalidTenantConfigurationException.class);

        assertThat(registry.tenants()).isEmpty();
        assertThat(events).containsExactly("added dfsp1", "removed dfsp1");
    }

    @Test
    void refusesASecondTenantWithTheSameNameOrFspId() throws Exception {
        registry.update("pid-1", "etc/a.cfg", validConfig("dfsp1", "payerfsp"));

        assertThatThrownBy(() -> registry.update("pid-2", "etc/b.cfg", validConfig("dfsp1", "payerfsp")))
                .isInstanceOfSatisfying(InvalidTenantConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("name 'dfsp1' is already used by configuration pid-1",
                                "fspId 'payerfsp' is already used by configuration pid-1"));
        assertThat(registry.byFspId("payerfsp")).map(Tenant::name).contains("dfsp1");
    }

    @Test
    void aNewListenerLearnsTheTenantsAlreadyThere() throws Exception {
        registry.update("pid-1", "etc/a.cfg", validConfig("dfsp1", "payerfsp"));

        registry.addListener(recorder);

        assertThat(events).containsExactly("added dfsp1");
    }
}
