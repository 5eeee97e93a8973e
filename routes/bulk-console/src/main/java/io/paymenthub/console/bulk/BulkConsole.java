package io.paymenthub.console.bulk;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

import io.paymenthub.core.step.StepJournal;
import io.paymenthub.flow.bulk.BulkBatch;
import io.paymenthub.flow.bulk.BulkBatchStore;
import io.paymenthub.flow.bulk.BulkItem;
import io.paymenthub.flow.bulk.ItemState;
import io.paymenthub.flow.payer.BulkGroup;
import io.paymenthub.flow.payer.BulkGroupStore;
import io.paymenthub.fspiop.FspiopAmount;

/** What {@code hub:bulk} prints, apart from Karaf: tested on its own. A batch paid in FSPIOP bulk shows its bulk messages. */
public class BulkConsole {

    /** Failed and unknown rows shown with a batch; the rest are in its report. */
    static final int ROWS_SHOWN = 20;
    /** FSPIOP bulk messages shown with a batch: 100 groups hold up to 100,000 transfers. */
    static final int GROUPS_SHOWN = 100;

    private final BulkBatchStore store;
    private final BulkGroupStore groups;

    public BulkConsole(BulkBatchStore store) {
        this.store = store;
        this.groups = new BulkGroupStore(store.dataSource());
    }

    public void list(String tenant, int limit, PrintStream out) throws SQLException {
        ShellTable table = new ShellTable();
        for (String column : List.of("Batch id", "Tenant", "State", "Rows", "Completed", "Failed", "Unknown", "Invalid", "Progress",
                "Paid", "Created (UTC)")) {
            table.column(column);
        }
        List<BulkBatch> found = store.list(tenant, limit);
        for (BulkBatch b : found) {
            table.addRow().addContent(b.batchId(), b.tenant(), b.state().name(), b.rows(), b.completed(), b.failed(), b.unknown(),
                    b.invalid(), b.progressPercent().toPlainString() + "%", amount(b.completedAmount(), b.currency()),
                    b.createdAt().toString());
        }
        table.print(out);
        out.println(found.size() + " batch(es)" + (found.size() == limit ? " (the newest " + limit + "; -n shows more)" : ""));
    }

    public void show(String batchId, PrintStream out) throws SQLException {
        BulkBatch b = store.find(batchId).orElseThrow(() -> new IllegalArgumentException("No batch " + batchId));
        out.println("Batch " + b.batchId() + " of " + b.tenant() + (b.clientRef() == null ? "" : " (clientRef " + b.clientRef() + ")"));
        out.println("  state      " + b.state() + ", " + b.progressPercent().toPlainString() + "% finished");
        out.println("  payer      " + b.payer());
        out.println("  rows       " + b.rows() + ": " + b.items() + " to pay (" + amount(b.total(), b.currency()) + "), " + b.invalid()
                + " invalid");
        out.println("  completed  " + b.completed() + " (" + amount(b.completedAmount(), b.currency()) + ", fees "
                + amount(b.fees(), b.currency()) + ")");
        out.println("  failed     " + b.failed() + " (" + amount(b.failedAmount(), b.currency()) + ")");
        out.println("  unknown    " + b.unknown() + " (" + amount(b.unknownAmount(), b.currency()) + ")"
                + (b.unknown() > 0 ? "  - resolve their transfers with hub:resolve" : ""));
        out.println("  in flight  " + b.inFlight() + ", pending " + b.pending() + " (at most " + b.concurrency() + " at a time)");
        out.println("  created    " + b.createdAt() + (b.completedAt() == null ? "" : ", ended " + b.completedAt()));
        for (ItemState state : List.of(ItemState.FAILED, ItemState.UNKNOWN)) {
            List<BulkItem> rows = store.items(batchId, state, 0, ROWS_SHOWN);
            if (!rows.isEmpty()) {
                out.println(state + " rows" + (rows.size() == ROWS_SHOWN ? " (the first " + ROWS_SHOWN + "; the report has all)" : "") + ":");
                ShellTable table = new ShellTable();
                for (String column : List.of("Line", "Id", "Payee", "Amount", "Transfer id", "Failure")) {
                    table.column(column);
                }
                for (BulkItem item : rows) {
                    table.addRow().addContent(item.line(), item.rowId(), item.payeeIdType() + "/" + item.payeeIdValue(),
                            amount(item.amount(), item.currency()), item.transferId(),
                            item.failureCode() == null ? "" : item.failureCode() + " " + item.failureReason());
                }
                table.print(out);
            }
        }
        List<BulkGroup> groups = this.groups.ofBatch(batchId, GROUPS_SHOWN);
        if (!groups.isEmpty()) {
            out.println("FSPIOP bulk messages" + (groups.size() == GROUPS_SHOWN ? " (the first " + GROUPS_SHOWN + ")" : "") + ":");
            ShellTable table = new ShellTable();
            for (String column : List.of("Bulk quote", "Bulk transfer", "To", "Transfers", "State", "Since")) {
                table.column(column);
            }
            for (BulkGroup group : groups) {
                table.addRow().addContent(group.bulkQuoteId(), group.bulkTransferId(), group.payeeFsp(), group.members(), group.state(),
                        group.createdAt());
            }
            table.print(out);
        }
        out.println("History:");
        for (StepJournal.Step step : store.steps(batchId)) {
            out.println("  " + step.seq() + ". " + step.recordedAt() + "  " + step.step() + " -> " + step.outcome()
                    + (step.detail() == null ? "" : "  " + step.detail()));
        }
    }

    private static String amount(java.math.BigDecimal value, String currency) {
        return value == null ? "" : FspiopAmount.normalise(value) + (currency == null ? "" : " " + currency);
    }
}
