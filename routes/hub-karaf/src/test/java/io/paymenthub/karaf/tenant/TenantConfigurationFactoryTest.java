package io.paymenthub.karaf.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;

class TenantConfigurationFactoryTest {

    private final TenantRegistry registry = new TenantRegistry();
    /** Config Admin as far as the factory uses it: configurations by pid, and what they were updated to. */
    private final Map<String, Dictionary<String, Object>> stored = new HashMap<>();
    private final Map<String, Dictionary<String, Object>> updates = new HashMap<>();
    private final TenantConfigurationFactory factory = new TenantConfigurationFactory(registry, configurationAdmin());

    private ConfigurationAdmin configurationAdmin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConfiguration")) {
                        throw new AssertionError("the factory called ConfigurationAdmin." + method.getName());
                    }
                    String pid = (String) args[0];
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class}, (c, m, a) -> {
                        switch (m.getName()) {
                            case "getProperties" -> {
                                return stored.get(pid);
                            }
                            case "update" -> {
                                @SuppressWarnings("unchecked")
                                Dictionary<String, Object> properties = (Dictionary<String, Object>) a[0];
                                updates.put(pid, properties);
                                return null;
                            }
                            default -> throw new AssertionError("the factory called Configuration." + m.getName());
                        }
                    });
                });
    }

    private void updated(String pid, Hashtable<String, Object> properties) {
        stored.put(pid, properties);
        factory.updated(pid, properties);
    }

    @TempDir
    Path etc;

    private Hashtable<String, Object> tenantFile(String name, String fspId) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", "io.paymenthub.tenant." + name);
        properties.put("service.factoryPid", TenantConfigurationFactory.FACTORY_PID);
        properties.put("felix.fileinstall.filename", etc.resolve("io.paymenthub.tenant-" + name + ".cfg").toUri().toString());
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
        updated("pid-a", tenantFile("dfsp1", "payerfsp"));
        updated("pid-b", tenantFile("dfsp2", "payeefsp"));

        assertThat(registry.tenants()).extracting(Tenant::fspId).containsExactly("payerfsp", "payeefsp");

        Hashtable<String, Object> changed = tenantFile("dfsp2", "payeefsp");
        changed.put("currencies", "TZS");
        updated("pid-b", changed);
        factory.deleted("pid-a");

        assertThat(registry.tenants()).singleElement().satisfies(t -> assertThat(t.currencies()).containsExactly("TZS"));
    }

    @Test
    void aBrokenFileIsRecordedWithItsPathAndNothingIsThrownAtConfigAdmin() {
        Hashtable<String, Object> broken = tenantFile("dfsp3", "fsp3");
        broken.remove("fineract.url");

        updated("pid-c", broken);

        assertThat(registry.tenants()).isEmpty();
        assertThat(registry.rejected()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(etc.resolve("io.paymenthub.tenant-dfsp3.cfg").toString());
            assertThat(r.problems()).containsExactly("fineract.url is required");
        });
    }

    @Test
    void aChannelSecretWrittenInPlainTextIsReplacedByItsHashInTheConfigurationAndItsFile() throws java.io.IOException {
        updated("pid-a", tenantFile("dfsp1", "payerfsp"));

        Dictionary<String, Object> rewritten = updates.get("pid-a");
        assertThat(rewritten).isNotNull();
        assertThat(rewritten.get("channel.secret")).isNull();
        assertThat(SecretHash.matches("secret", (String) rewritten.get("channel.secretHash"))).isTrue();
        assertThat(rewritten.get("fspId")).isEqualTo("payerfsp");
        assertThat(rewritten.get("channel.secretHash")).as("the hash the tenant is served with, made once")
                .isEqualTo(registry.byName("dfsp1").orElseThrow().channel().secretHash());
        assertThat(registry.tenants()).singleElement().satisfies(t -> assertThat(SecretHash.matches("secret", t.channel().secretHash())).isTrue());
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(etc.resolve("io.paymenthub.tenant-dfsp1.cfg"), StandardCharsets.ISO_8859_1)) {
            file.load(reader);
        }
        assertThat(file).as("the tenant's file").doesNotContainKey("channel.secret").containsEntry("channel.secretHash", rewritten.get("channel.secretHash"))
                .containsEntry("fspId", "payerfsp").doesNotContainKeys("felix.fileinstall.filename", "service.pid");

        // Config Admin delivers the rewritten configuration: nothing more to replace.
        updates.clear();
        Hashtable<String, Object> hashed = new Hashtable<>();
        for (String key : java.util.Collections.list(rewritten.keys())) {
            hashed.put(key, rewritten.get(key));
        }
        updated("pid-a", hashed);
        assertThat(updates).isEmpty();
        assertThat(registry.tenants()).singleElement().satisfies(t -> assertThat(SecretHash.matches("secret", t.channel().secretHash())).isTrue());
    }

    @Test
    void anApproversSecretWrittenInPlainTextIsReplacedByItsHashWithTheChannelsInOneUpdate() {
        Hashtable<String, Object> file = tenantFile("dfsp1", "payerfsp");
        file.put("bulk.approver.clientId", "dfsp1-finance");
        file.put("bulk.approver.secret", "finance-secret");

        updated("pid-a", file);

        Dictionary<String, Object> rewritten = updates.get("pid-a");
        assertThat(rewritten.get("channel.secret")).isNull();
        assertThat(rewritten.get("bulk.approver.secret")).isNull();
        assertThat(SecretHash.matches("secret", (String) rewritten.get("channel.secretHash"))).isTrue();
        assertThat(rewritten.get("bulk.approver.secretHash")).as("the hash the approver is served with")
                .isEqualTo(registry.byName("dfsp1").orElseThrow().settings().bulk().approver().secretHash());
        assertThat(SecretHash.matches("finance-secret", (String) rewritten.get("bulk.approver.secretHash"))).isTrue();
    }
}
