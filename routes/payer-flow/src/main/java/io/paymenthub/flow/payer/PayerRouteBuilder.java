package io.paymenthub.flow.payer;

import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.step.StepRouteBuilder;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * The payer DFSP's side of a transfer on the step engine: {@code payer-step} (the step due in a
 * transfer's state, when it could not run on at once), {@code payer-reply} (the switch's callbacks),
 * {@code payer-bulkReply} (those of bulk groups' messages, on consumers of their own),
 * {@code payer-deadlines} (waits that ended, steps that stalled) and {@code payer-emit}. A transfer
 * crosses the broker only where it waits: for the switch, or for the payer's confirmation.
 */
public class PayerRouteBuilder extends StepRouteBuilder {

    public PayerRouteBuilder(PayerStepProcessor steps, PayerReplyProcessor replies, PayerDeadlineProcessor deadlines) {
        super("payer");
        steps(PayerMessages.STEPS, steps);
        callbacks("reply", PayerMessages.REPLIES, PayerMessages.TRANSFER_ID, replies);
        callbacks("bulkReply", PayerMessages.BULK_REPLIES, PayerMessages.TRANSFER_ID, replies);
        deadlines(deadlines);
    }

    /** The payer flow on the store's database, as the Blueprint wires it: for tests and the load harness. */
    public static PayerRouteBuilder on(TenantDirectory tenants, AccountSystemDirectory accounts, PayerTransferStore store,
                                       PayerFlowSettings settings) {
        BulkGroups bulkGroups = new BulkGroups(tenants, accounts, store, new BulkGroupStore(store.dataSource()), settings);
        return new PayerRouteBuilder(new PayerStepProcessor(tenants, accounts, store, settings, bulkGroups),
                new PayerReplyProcessor(tenants, accounts, store, bulkGroups), new PayerDeadlineProcessor(store, settings, bulkGroups));
    }
}
