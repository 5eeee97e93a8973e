package io.paymenthub.karaf.camel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.NoSuchLanguageException;
import org.apache.camel.Component;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.karaf.core.OsgiCamelContextPublisher;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.camel.spi.UnitOfWorkFactory;
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
    private long resolverWaitMillis = 15_000;
    private static final long RESOLVER_RETRY_MILLIS = 500;

    /** Cached bodies larger than this go to a temporary file. */
    static final long SPOOL_THRESHOLD_BYTES = 1 << 20;

    /**
     * Creates the context, adds components, beans, properties and routes, and starts it. When
     * Karaf starts all bundles at once (a restart), a language or component of Camel may not be
     * registered yet: the start is tried again, with a fresh context, until it is, for at most
     * {@link #setResolverWaitMillis the resolver wait}.
     */
    public CamelContext start() throws Exception {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("A CamelContext needs a name: it is how operators find its routes");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(resolverWaitMillis);
        boolean waiting = false;
        while (true) {
            try {
                return startOnce();
            } catch (Exception e) {
                if (!isMissingResolver(e) || System.nanoTime() > deadline) {
                    LOG.error("CamelContext {} failed to start: {}", name, e.getMessage());
                    throw e;
                }
                if (!waiting) {
                    LOG.info("CamelContext {} waits for a part of Camel that is still starting: {}", name, e.getMessage());
                    waiting = true;
                }
                TimeUnit.MILLISECONDS.sleep(RESOLVER_RETRY_MILLIS);
            }
        }
    }

    private CamelContext startOnce() throws Exception {
        CamelContext context = newContext();
        try {
            context.getCamelContextExtension().setName(name);
            // Every log line of a step carries the tenant and the transfer's, request's or batch's id.
            context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new HubLogContext());
            Properties initial = new Properties();
            initial.putAll(properties);
            context.getPropertiesComponent().setInitialProperties(initial);
            // A body above 1 MB (an uploaded batch) is cached in a temporary file, not on the heap, where Camel caches it.
            context.getStreamCachingStrategy().setSpoolEnabled(true);
            context.getStreamCachingStrategy().setSpoolThreshold(SPOOL_THRESHOLD_BYTES);
            components.forEach(context::addComponent);
            beans.forEach((id, bean) -> context.getRegistry().bind(id, bean));
            for (RoutesBuilder builder : routeBuilders) {
                context.addRoutes(builder);
            }
            context.start();
        } catch (Exception e) {
            context.stop();
            throw e;
        }
        LOG.info("CamelContext {} started with {} route(s)", name, context.getRoutes().size());
        return context;
    }

    /** A language or component that Camel's OSGi resolvers do not know yet. */
    static boolean isMissingResolver(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchLanguageException || cause instanceof NoSuchEndpointException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("No language could be found") || message.contains("No component found with scheme")
                    || message.contains("No endpoint could be found"))) {
                return true;
            }
        }
        return false;
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

    /** How long a start waits for Camel's languages and components to be registered. Default 15 s. */
    public void setResolverWaitMillis(long resolverWaitMillis) {
        this.resolverWaitMillis = resolverWaitMillis;
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
