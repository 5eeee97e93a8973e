package io.paymenthub.flow.bulk;

import java.time.Duration;

/**
 * How batches are run, from {@code etc/io.paymenthub.flow.bulk.cfg} (defaults in the bulk flow's Blueprint).
 *
 * @param concurrency         transfers of one batch in flight at once, so that a batch does not starve other traffic
 * @param maxRows             rows a batch may have
 * @param progressStepPercent the channel is told of a batch's progress each time this share of its items more is finished (0: never)
 * @param reportRows          invalid rows listed in the answer to a submission, 0 to {@value #MAX_REPORT_ROWS} (all are in the
 *                            batch's report; the answer is kept for repeats of the request, so its size is bounded)
 * @param stalledAfter        an item released this long ago whose transfer was never recorded is started again
 */
public record BulkFlowSettings(int concurrency, int maxRows, int progressStepPercent, int reportRows, Duration stalledAfter) {

    public static final int MAX_REPORT_ROWS = 1000;

    public BulkFlowSettings {
        if (concurrency < 1 || maxRows < 1 || progressStepPercent < 0 || progressStepPercent > 100 || reportRows < 0
                || reportRows > MAX_REPORT_ROWS) {
            throw new IllegalArgumentException("concurrency and maxRows must be at least 1, progressStepPercent 0 to 100, reportRows 0 to "
                    + MAX_REPORT_ROWS);
        }
    }

    /** For Blueprint. */
    public static BulkFlowSettings of(int concurrency, int maxRows, int progressStepPercent, int reportRows, long stalledAfterSeconds) {
        return new BulkFlowSettings(concurrency, maxRows, progressStepPercent, reportRows, Duration.ofSeconds(stalledAfterSeconds));
    }
}
