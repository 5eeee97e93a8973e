package io.paymenthub.flow.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * A batch's CSV report ({@link BatchJson#REPORT_HEADER}, then one line a row in line order) as a
 * stream read page by page from the journal while it is sent: a report of 100,000 rows never sits
 * whole in memory, and no database connection is held between pages.
 */
public final class BatchReport extends InputStream {

    static final int PAGE = 1000;

    private final BulkBatchStore store;
    private final String batchId;
    private byte[] buffer;
    private int position;
    private int afterLine;
    private boolean last;

    private BatchReport(BulkBatchStore store, String batchId) {
        this.store = store;
        this.batchId = batchId;
        this.buffer = (BatchJson.REPORT_HEADER + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static InputStream of(BulkBatchStore store, String batchId) {
        return new BatchReport(store, batchId);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == buffer.length) {
            if (last) {
                return -1;
            }
            nextPage();
        }
        int count = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, into, offset, count);
        position += count;
        return count;
    }

    private void nextPage() throws IOException {
        List<BulkItem> page;
        try {
            page = store.items(batchId, null, afterLine, PAGE);
        } catch (SQLException e) {
            throw new IOException("The report of batch " + batchId + " could not be read on from line " + afterLine, e);
        }
        StringBuilder lines = new StringBuilder();
        for (BulkItem item : page) {
            lines.append(BatchJson.reportLine(item));
            afterLine = item.line();
        }
        last = page.size() < PAGE;
        buffer = lines.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
    }
}
