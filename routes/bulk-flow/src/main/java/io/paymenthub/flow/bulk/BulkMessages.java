package io.paymenthub.flow.bulk;

import java.util.LinkedHashMap;
import java.util.Map;

import io.paymenthub.core.step.Emit;
import io.paymenthub.flow.payer.PayerMessages;

/**
 * What the bulk flow tells the tenants' channels: a batch's start, its progress steps and its end,
 * as events on {@link PayerMessages#EVENTS} (from which the channel API notifies the tenant's queue
 * and URL), the batch's summary as body. The items' transfers are not notified one by one.
 */
public final class BulkMessages {

    /** On a notification: {@value} as {@link PayerMessages#EVENT_TYPE}. */
    public static final String BATCH_EVENT = "batch";
    public static final String BATCH_STATE = "batchState";
    /** On a notification: why it is sent, STARTED, PROGRESS or ENDED. */
    public static final String BATCH_NEWS = "batchNews";

    private BulkMessages() {
    }

    static Emit notification(BulkBatch batch, String news) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(PayerMessages.TENANT, batch.tenant());
        headers.put(PayerMessages.EVENT_TYPE, BATCH_EVENT);
        headers.put(PayerMessages.BATCH_ID, batch.batchId());
        headers.put(BATCH_STATE, batch.state().name());
        headers.put(BATCH_NEWS, news);
        return new Emit(PayerMessages.EVENTS, headers, BatchJson.of(batch).toString());
    }
}
