package io.paymenthub.core.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.master.MasterComponent;

/**
 * The hub's tasks that one node of a cluster runs at a time (a flow's deadline checks, the
 * journal's retention, the reconciliation schedule): their timer is consumed through Camel's
 * {@code master} component, on the lease named after the task, of the cluster service the
 * CamelContext's registry holds ({@link DatabaseLeases} in the distribution). The route runs on
 * every node; its timer only on the node that holds the lease. Without a cluster service (a test's
 * CamelContext) the timer runs as any other.
 */
public final class Singletons {

    private Singletons() {
    }

    /** The URI to consume {@code uri} from on one node at a time, on the lease {@code task}. */
    public static String oneNodeAtATime(CamelContext context, String task, String uri) {
        CamelClusterService leases = context.getRegistry().findSingleByType(CamelClusterService.class);
        if (leases == null) {
            return uri;
        }
        // The component looks for a cluster service among the context's own services; this one is the node's, shared.
        if (context.hasComponent("master") == null) {
            MasterComponent master = new MasterComponent();
            master.setService(leases);
            context.addComponent("master", master);
        }
        return "master:" + task + ":" + uri;
    }
}
