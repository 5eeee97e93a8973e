package io.paymenthub.reconciliation.console;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.reconciliation.ReconciliationReport;
import io.paymenthub.reconciliation.ReconciliationRun;
import io.paymenthub.reconciliation.ReconciliationSummary;
import io.paymenthub.reconciliation.Reconciliations;

/** What {@code hub:reconcile}, {@code hub:reconciliation} and {@code hub:reconciliations} print, apart from Karaf. */
public class ReconciliationConsole {

    private final Reconciliations reconciliations;

    public ReconciliationConsole(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    /** Runs the day (the last closed one when {@code day} is null) and prints its result. */
    public void reconcile(String tenantName, String day, int breaksShown, String operator, PrintStream out) throws SQLException {
        Tenant tenant = reconciliations.tenant(tenantName);
        LocalDate businessDay = day == null ? reconciliations.lastClosedDay(tenant) : parse(day);
        ReconciliationRun run = reconciliations.run(tenant.name(), businessDay, operator);
        print(run, breaksShown, out);
    }

    public void show(String tenantName, String day, int breaksShown, PrintStream out) throws SQLException {
        Tenant tenant = reconciliations.tenant(tenantName);
        LocalDate businessDay = day == null ? reconciliations.lastClosedDay(tenant) : parse(day);
        ReconciliationRun run = reconciliations.result(tenant.name(), businessDay).orElseThrow(() -> new IllegalArgumentException(
                tenant.name() + " " + businessDay + " was not reconciled: hub:reconcile " + tenant.name() + " " + businessDay));
        print(run, breaksShown, out);
    }

    public void list(String tenant, int limit, PrintStream out) throws SQLException {
        ShellTable table = new ShellTable();
        for (String column : List.of("Tenant", "Business day", "State", "Accounts", "Bookings", "Breaks", "Started (UTC)", "By", "Run id")) {
            table.column(column);
        }
        List<ReconciliationRun> runs = reconciliations.runs(tenant, limit);
        for (ReconciliationRun r : runs) {
            table.addRow().addContent(r.tenant(), r.businessDay().toString(), r.state().name(), r.accountsRead(), r.bookingsRead(),
                    r.state() == ReconciliationRun.State.FAILED ? "-" : Integer.toString(r.breakCount()), r.startedAt().toString(),
                    r.requestedBy(), r.runId());
        }
        table.print(out);
        out.println(runs.size() + " run(s)" + (runs.size() == limit ? " (the newest " + limit + "; -n shows more)" : ""));
    }

    /** The switch's settlement windows as runs found them, the latest first. */
    public void windows(String tenant, int limit, PrintStream out) throws SQLException {
        ShellTable table = new ShellTable();
        for (String column : List.of("Window", "Currency", "Opened (UTC)", "Closed (UTC)", "State", "Settlement", "Switch net", "Hub net",
                "Booked (UTC)")) {
            table.column(column);
        }
        List<io.paymenthub.reconciliation.SettlementWindowStore.RecordedWindow> windows = reconciliations.settlementWindows(tenant, limit);
        for (var w : windows) {
            table.addRow().addContent(w.windowId(), w.currency(), w.openedAt().toString(), w.closedAt().toString(), w.windowState(),
                    w.settlementState() == null ? "-" : w.settlementState() + " " + w.settlementId(),
                    w.switchNet() == null ? "-" : plain(w.switchNet()), plain(w.hubNet()),
                    w.bookedAt() == null ? "-" : w.bookedAt().toString());
        }
        table.print(out);
        out.println(windows.size() + " window(s) of " + tenant + "; nets are the switch's sign (positive: the tenant pays)"
                + (windows.size() == limit ? "; the newest " + limit + " (-n shows more)" : ""));
    }

    private void print(ReconciliationRun run, int breaksShown, PrintStream out) throws SQLException {
        out.println("Reconciliation of " + run.tenant() + " for " + run.businessDay() + " (" + run.windowStart() + " to "
                + run.windowEnd() + "): " + run.state());
        out.println("  run        " + run.runId() + ", by " + run.requestedBy() + ", " + run.startedAt() + " to " + run.finishedAt());
        out.println("  read       " + run.accountsRead() + " account(s), " + run.bookingsRead() + " booking(s)");
        if (run.summary() != null) {
            ReconciliationSummary summary = ReconciliationSummary.fromJson(run.summary());
            summary.currencies().forEach((currency, t) -> out.println("  " + currency + "        out " + t.outCount() + " ("
                    + plain(t.outAmount()) + ", fees " + plain(t.outFees()) + "), in " + t.inCount() + " (" + plain(t.inAmount())
                    + "), on-us out " + t.onUsOutCount() + " (" + plain(t.onUsOutAmount()) + "), on-us in " + t.onUsInCount() + " ("
                    + plain(t.onUsInAmount()) + "), net position " + plain(t.netPosition())));
            out.println("  transfers  " + (summary.transferStates().isEmpty() ? "none" : summary.transferStates()));
            // The switch's signs: positive, the tenant pays.
            summary.windows().forEach(w -> out.println("  window " + w.windowId() + " " + w.currency() + ": switch "
                    + (w.switchNet() == null ? "not settled" : plain(w.switchNet())) + ", hub " + plain(w.hubNet()) + ", "
                    + w.windowState() + (w.settlementState() == null ? "" : "/" + w.settlementState())
                    + (w.booked() ? ", booked" : "")));
        }
        out.println("  breaks     " + run.breakCount());
        if (run.breakCount() > 0) {
            ShellTable table = new ShellTable();
            for (String column : List.of("Class", "Transfer id", "Account", "Hub", "Booked", "Detail")) {
                table.column(column);
            }
            int[] shown = {0};
            reconciliations.forEachBreak(run.runId(), b -> {
                if (shown[0]++ < breaksShown) {
                    table.addRow().addContent(b.breakClass().name(), b.transferId(), b.accountId(),
                            b.hubAmount() == null ? "" : plain(b.hubAmount()) + " " + b.currency(),
                            b.bookedAmount() == null ? "" : plain(b.bookedAmount()) + " " + b.currency(), b.detail());
                }
            });
            table.print(out);
            if (run.breakCount() > breaksShown) {
                out.println("  (" + breaksShown + " of " + run.breakCount() + " shown; -n shows more, the report has them all)");
            }
            out.println("  What to do, by class:");
            ReconciliationSummary.fromJson(run.summary()).breaks().keySet().forEach(c ->
                    out.println("    " + c + ": " + io.paymenthub.reconciliation.BreakClass.valueOf(c).action()));
        }
        out.println("  report     " + reconciliations.reportFile(run.tenant(), run.businessDay(), ReconciliationReport.Kind.JSON));
    }

    private static LocalDate parse(String day) {
        return Reconciliations.businessDay(day);
    }

    private static String plain(java.math.BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
