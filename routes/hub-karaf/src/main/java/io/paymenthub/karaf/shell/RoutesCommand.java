package io.paymenthub.karaf.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@code hub:routes}: every route of every CamelContext published in the container (the hub's
 * own and those of hot-deployed connector bundles), with status and exchange counters.
 */
@Service
@Command(scope = "hub", name = "routes", description = "Lists the routes of all CamelContexts with their status and exchanges")
public class RoutesCommand implements Action {

    @Reference
    private BundleContext bundleContext;

    @Option(name = "-c", aliases = "--context", description = "Only the routes of this CamelContext")
    private String contextName;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("Context");
        table.column("Route");
        table.column("Status");
        table.column("Total").alignRight();
        table.column("Failed").alignRight();
        table.column("Inflight").alignRight();
        table.column("Uptime");
        for (CamelContext context : contexts()) {
            if (contextName != null && !contextName.equals(context.getName())) {
                continue;
            }
            ManagedCamelContext managed = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            List<Route> routes = new ArrayList<>(context.getRoutes());
            routes.sort(Comparator.comparing(Route::getRouteId));
            for (Route route : routes) {
                ManagedRouteMBean stats = managed == null ? null : managed.getManagedRoute(route.getRouteId());
                table.addRow().addContent(context.getName(), route.getRouteId(),
                        context.getRouteController().getRouteStatus(route.getRouteId()),
                        stats == null ? "-" : stats.getExchangesTotal(),
                        stats == null ? "-" : stats.getExchangesFailed(),
                        stats == null ? "-" : stats.getExchangesInflight(),
                        route.getUptime());
            }
        }
        table.print(System.out);
        return null;
    }

    private List<CamelContext> contexts() throws Exception {
        List<CamelContext> contexts = new ArrayList<>();
        for (ServiceReference<CamelContext> reference : bundleContext.getServiceReferences(CamelContext.class, null)) {
            CamelContext context = bundleContext.getService(reference);
            if (context != null) {
                contexts.add(context);
                bundleContext.ungetService(reference);
            }
        }
        contexts.sort(Comparator.comparing(CamelContext::getName));
        return contexts;
    }
}
