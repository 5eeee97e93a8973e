package io.paymenthub.core.route;

import org.slf4j.MDC;

/**
 * The MDC keys that name what a log line is about ({@code tenant}, {@code transferId},
 * {@code requestId}, {@code batchId}). The container's unit of work fills them from a message's
 * headers before each step and clears them after it; a step that works on another record than
 * its message names (one party lookup answering several transfers) names that record here for
 * its own lines.
 */
public final class LogContext {

    public static final String TENANT = "tenant";
    public static final String TRANSFER_ID = "transferId";
    public static final String REQUEST_ID = "requestId";
    public static final String BATCH_ID = "batchId";

    private LogContext() {
    }

    /** The lines that follow, until the step ends, are about this transfer of this tenant. */
    public static void transfer(String tenant, String transferId) {
        MDC.put(TENANT, tenant);
        MDC.put(TRANSFER_ID, transferId);
    }

    /** The lines that follow, until the step ends, are about this request to pay of this tenant. */
    public static void request(String tenant, String requestId) {
        MDC.put(TENANT, tenant);
        MDC.put(REQUEST_ID, requestId);
    }
}
