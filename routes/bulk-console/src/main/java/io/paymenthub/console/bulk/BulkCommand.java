package io.paymenthub.console.bulk;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.paymenthub.flow.bulk.BulkBatches;

/** {@code hub:bulk}: the bulk batches, newest first; {@code hub:bulk <id>}: one batch with its counts and history. */
@Service
@Command(scope = "hub", name = "bulk", description = "Lists bulk batches, newest first, or shows one")
public class BulkCommand implements Action {

    @Reference
    private BulkBatches batches;

    @Option(name = "-t", aliases = "--tenant", description = "Only this tenant's batches")
    private String tenant;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 50)")
    private int limit = 50;

    @Argument(index = 0, name = "batchId", description = "The batch to show", required = false)
    private String batchId;

    @Override
    public Object execute() throws Exception {
        BulkConsole console = new BulkConsole(batches.store());
        if (batchId == null) {
            console.list(tenant, limit, System.out);
        } else {
            console.show(batchId, System.out);
        }
        return null;
    }
}
