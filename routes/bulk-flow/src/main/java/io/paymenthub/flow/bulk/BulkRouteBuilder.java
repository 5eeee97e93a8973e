package io.paymenthub.flow.bulk;

import java.util.List;

import io.paymenthub.core.step.DeadlineCheck;
import io.paymenthub.core.step.StepRouteBuilder;
import io.paymenthub.flow.payer.PayerMessages;

/**
 * Bulk batches on the step engine: {@code bulk-payment} (how an item's transfer ended, from the
 * payer flow: counted, and the next item started), {@code bulk-deadlines} (items whose transfers
 * were released but never recorded, and items whose transfers ended without the news reaching the
 * batch) and {@code bulk-emit}.
 */
public class BulkRouteBuilder extends StepRouteBuilder {

    public BulkRouteBuilder(BulkBatches batches) {
        super("bulk");
        input("payment", PayerMessages.BATCH_PAYMENTS, new BulkPaymentProcessor(batches));
        deadlines(new DeadlineCheck(batches.store()::now, List.of(
                new DeadlineCheck.Due<BulkItem>((now, limit) -> batches.store().unstarted(now.minus(batches.settings().stalledAfter()), limit),
                        batches::startUnstarted, item -> "Batch " + item.batchId() + " line " + item.line()),
                new DeadlineCheck.Due<BulkBatchStore.UnreportedEnd>(
                        (now, limit) -> batches.store().unreported(now.minus(batches.settings().stalledAfter()), limit),
                        batches::reportEnd, end -> "Batch " + end.item().batchId() + " line " + end.item().line()))));
    }
}
