package io.paymenthub.karaf.health;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import io.paymenthub.core.health.ComponentHealth;
import io.paymenthub.core.health.HealthCheck;
import io.paymenthub.core.health.HealthStatus;

/**
 * Whether the node runs all of the hub it holds: every bundle of the hub ({@code io.paymenthub.*})
 * active, and each one with a Blueprint file created (its CamelContext, which the Blueprint
 * container starts, running). DOWN while a node starts, while a bundle is updated or stopped, and
 * when one failed. A balancer that sends traffic only to nodes whose {@code /health} is 200 then
 * sends none to a starting node, whose channel and FSPIOP APIs answer Jetty's 404 page until
 * their bundles' contexts have started.
 */
public final class HubBundlesHealthCheck implements HealthCheck {

    static final String HUB_BUNDLES = "io.paymenthub.";
    /** The service Blueprint registers for a bundle once every bean of its files is created. */
    static final String BLUEPRINT_CONTAINER = "org.osgi.service.blueprint.container.BlueprintContainer";

    private final BundleContext bundleContext;
    private final Map<String, Boolean> hasBlueprint = new ConcurrentHashMap<>();

    public HubBundlesHealthCheck(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public String name() {
        return "bundles";
    }

    @Override
    public ComponentHealth check() {
        int count = 0;
        List<String> notReady = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(HUB_BUNDLES) || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            count++;
            if (bundle.getState() != Bundle.ACTIVE) {
                notReady.add(name + ": " + state(bundle.getState()));
            } else if (hasBlueprint(bundle) && !blueprintCreated(bundle)) {
                notReady.add(name + ": its Blueprint container is not created (starting, waiting for a service, or failed)");
            }
        }
        if (!notReady.isEmpty()) {
            return new ComponentHealth(name(), HealthStatus.DOWN, Map.of("bundles", count, "notReady", notReady,
                    "error", notReady.size() + " of the hub's bundles not running"));
        }
        return ComponentHealth.up(name(), Map.of("bundles", count));
    }

    /** Whether the bundle has Blueprint files; read once per installed revision, as balancers ask /health every second. */
    private boolean hasBlueprint(Bundle bundle) {
        return hasBlueprint.computeIfAbsent(bundle.getBundleId() + "@" + bundle.getLastModified(), revision -> {
            if (bundle.getHeaders().get("Bundle-Blueprint") != null) {
                return true;
            }
            Enumeration<?> files = bundle.findEntries("OSGI-INF/blueprint", "*.xml", false);
            return files != null && files.hasMoreElements();
        });
    }

    private static boolean blueprintCreated(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        if (services == null) {
            return false;
        }
        for (ServiceReference<?> service : services) {
            if (service.getProperty(Constants.OBJECTCLASS) instanceof String[] classes && List.of(classes).contains(BLUEPRINT_CONTAINER)) {
                return true;
            }
        }
        return false;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }
}
