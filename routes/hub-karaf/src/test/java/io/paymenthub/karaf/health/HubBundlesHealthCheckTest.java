package io.paymenthub.karaf.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import io.paymenthub.core.health.ComponentHealth;
import io.paymenthub.core.health.HealthStatus;

class HubBundlesHealthCheckTest {

    @Test
    void aNodeWhoseHubBundlesAllRunIsUpAndOtherBundlesDoNotCount() {
        ComponentHealth health = check(
                bundle("io.paymenthub.blueprint.channel-api-blueprint", Bundle.ACTIVE, true, true, false),
                bundle("io.paymenthub.payer-flow", Bundle.ACTIVE, false, false, false),
                bundle("org.apache.camel.camel-jetty", Bundle.RESOLVED, false, false, false),
                bundle("io.paymenthub.some-fragment", Bundle.RESOLVED, false, false, true));

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.details()).containsEntry("bundles", 2);
    }

    @Test
    void aHubBundleNotStartedOrWhoseBlueprintIsNotCreatedYetTakesTheNodeDown() {
        HubBundlesHealthCheck check = new HubBundlesHealthCheck(fake(BundleContext.class, Map.of("getBundles", new Bundle[] {
                bundle("io.paymenthub.blueprint.hub-core-blueprint", Bundle.ACTIVE, true, true, false),
                bundle("io.paymenthub.blueprint.channel-api-blueprint", Bundle.ACTIVE, true, false, false),
                bundle("io.paymenthub.payer-flow", Bundle.RESOLVED, false, false, false),
                bundle("io.paymenthub.blueprint.payer-flow-blueprint", Bundle.STARTING, true, false, false)})));

        ComponentHealth health = check.check();

        assertThat(health.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.details()).containsEntry("bundles", 4).containsEntry("error", "3 of the hub's bundles not running");
        assertThat(health.details().get("notReady")).isEqualTo(List.of(
                "io.paymenthub.blueprint.channel-api-blueprint: its Blueprint container is not created (starting, waiting for a service, or failed)",
                "io.paymenthub.payer-flow: RESOLVED (not started)",
                "io.paymenthub.blueprint.payer-flow-blueprint: STARTING"));
        assertThat(check.check()).as("asked again (a bundle's files are read once)").isEqualTo(health);
    }

    private static ComponentHealth check(Bundle... bundles) {
        BundleContext context = fake(BundleContext.class, Map.of("getBundles", bundles));
        return new HubBundlesHealthCheck(context).check();
    }

    /** A bundle as the framework shows it: its name, state, Blueprint files and whether Blueprint registered its container. */
    private static Bundle bundle(String name, int state, boolean blueprintFiles, boolean containerCreated, boolean fragment) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (fragment) {
            headers.put(Constants.FRAGMENT_HOST, "io.paymenthub.hub-core");
        }
        ServiceReference<?> container = fake(ServiceReference.class,
                Map.of("getProperty", new String[] {HubBundlesHealthCheck.BLUEPRINT_CONTAINER}));
        ServiceReference<?> other = fake(ServiceReference.class, Map.of("getProperty", new String[] {"io.paymenthub.core.health.HealthCheck"}));
        Map<String, Object> answers = new java.util.HashMap<>(Map.of("getSymbolicName", name, "getState", state, "getHeaders", headers,
                "getBundleId", (long) name.hashCode(), "getLastModified", 1L));
        answers.put("findEntries", blueprintFiles ? Collections.enumeration(List.of("OSGI-INF/blueprint/flow.xml")) : null);
        answers.put("getRegisteredServices", containerCreated ? new ServiceReference<?>[] {other, container}
                : state == Bundle.ACTIVE ? new ServiceReference<?>[] {other} : null);
        return fake(Bundle.class, answers);
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new AssertionError("The check called " + type.getSimpleName() + "." + method.getName() + ", which no test here expects");
            }
            return answers.get(method.getName());
        });
    }
}
