package io.paymenthub.karaf.shell;

import java.util.Map;

import org.apache.camel.cluster.CamelClusterService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.paymenthub.core.cluster.DatabaseLeases;

/**
 * {@code hub:leases}: the tasks one node of a cluster runs at a time (a flow's deadline checks, the
 * journal's retention, the reconciliation schedule) and the node that holds each now, from
 * {@code hub_lease}: on the others, their routes are stopped.
 */
@Service
@Command(scope = "hub", name = "leases", description = "Lists the tasks one node of a cluster runs at a time, and which node runs each")
public class LeasesCommand implements Action {

    @Reference
    private CamelClusterService clusterService;

    @Override
    public Object execute() throws Exception {
        if (!(clusterService instanceof DatabaseLeases leases)) {
            System.out.println("No hub leases here: " + clusterService.getClass().getName());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Task");
        table.column("Held by");
        table.column("This node");
        for (Map.Entry<String, String> lease : leases.holders().entrySet()) {
            String holder = lease.getValue().isEmpty() ? "(expired: the next node to renew takes it)" : lease.getValue();
            table.addRow().addContent(lease.getKey(), holder, lease.getValue().equals(leases.nodeId()) ? "yes" : "");
        }
        table.print(System.out);
        System.out.println("This node: " + leases.nodeId());
        return null;
    }
}
