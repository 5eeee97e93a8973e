package io.paymenthub.karaf.camel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.karaf.core.OsgiCamelContextPublisher;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares a CamelContext from Blueprint, since camel-blueprint's {@code <camelContext>} is not
 * available for Camel 4: the one place where a context is created, configured, started and
 * published as an OSGi service ({@code camel.context.name}) for the {@code hub:*} commands.
 *
 * <pre>{@code
 * <bean id="contextFactory" class="io.paymenthub.karaf.camel.HubCamelContextFactory">
 *   <property name="bundleContext" ref="blueprintBundleContext"/>
 *   <property name="name" value="payment-hub-core"/>
 *   <property name="routeBuilders"><list><ref component-id="healthRoutes"/></list></property>
 * </bean>
 * <bean id="camelContext" factory-ref="contextFactory" factory-method="start" destroy-method="stop"/>
 * }</pre>
 */
public class HubCamelContextFactory {

    private static final Logger LOG = LoggerFactory.getLogger(HubCamelContextFactory.class);

    private BundleContext bundleContext;
    private String name;
    private List<RoutesBuilder> routeBuilders = List.of();
    private Map<String, String> properties = Map.of();
    private Map<String, Component> components = Map.of();
    private Map<String, Object> beans = Map.of();

    /** Creates the context, adds components, beans, properties and routes, and starts it. */
    public CamelContext start() throws Exception {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("A CamelContext needs a name: it is how operators find its routes");
        }
        CamelContext context = newContext();
        try {
            context.getCamelContextExtension().setName(name);
            Properties initial = new Properties();
            initial.putAll(properties);
            context.getPropertiesComponent().setInitialProperties(initial);
            components.forEach(context::addComponent);
            beans.forEach((id, bean) -> context.getRegistry().bind(id, bean));
            for (RoutesBuilder builder : routeBuilders) {
                context.addRoutes(builder);
            }
            context.start();
        } catch (Exception e) {
            LOG.error("CamelContext {} failed to start: {}", name, e.getMessage());
            context.stop();
            throw e;
        }
        LOG.info("CamelContext {} started with {} route(s)", name, context.getRoutes().size());
        return context;
    }

    /** The OSGi-aware context; tests of this class replace it with a plain one. */
    protected CamelContext newContext() {
        if (bundleContext == null) {
            throw new IllegalStateException("bundleContext is required (blueprintBundleContext)");
        }
        OsgiDefaultCamelContext context = new OsgiDefaultCamelContext(bundleContext);
        context.getManagementStrategy().addEventNotifier(new OsgiCamelContextPublisher(bundleContext));
        return context;
    }

    public void setBundleContext(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setRouteBuilders(List<RoutesBuilder> routeBuilders) {
        this.routeBuilders = List.copyOf(routeBuilders);
    }

    /** Values for {@code {{...}}} placeholders in routes, usually from a Config Admin PID. */
    public void setProperties(Map<String, String> properties) {
        this.properties = new LinkedHashMap<>(properties);
    }

    public void setComponents(Map<String, Component> components) {
        this.components = new LinkedHashMap<>(components);
    }

    /** Beans that routes look up by name ({@code #bean:name}, {@code dataSource=#name}). */
    public void setBeans(Map<String, Object> beans) {
        this.beans = new LinkedHashMap<>(beans);
    }
}
