package io.paymenthub.console.transfer;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.karaf.shell.support.table.ShellTable;

import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StepJournal;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferState;
import io.paymenthub.fspiop.FspiopAmount;

/** What the transfer commands print and do, apart from Karaf: tested on its own. */
public class TransferConsole {

    /** Sends the messages a resolution leads to. */
    public interface Sender {
        void send(List<Emit> emits) throws Exception;
    }

    private final PayerTransfers transfers;

    public TransferConsole(PayerTransfers transfers) {
        this.transfers = transfers;
    }

    /**
     * @param from, to dates (yyyy-MM-dd, UTC) or instants; {@code to} is exclusive
     */
    public void list(String tenant, String state, String from, String to, int limit, PrintStream out) throws SQLException {
        PayerTransferStore.Filter filter = new PayerTransferStore.Filter(tenant, state == null ? null : parseState(state),
                from == null ? null : parseTime(from), to == null ? null : parseTime(to), limit);
        ShellTable table = new ShellTable();
        for (String column : List.of("Transfer id", "Tenant", "State", "Amount", "Payer", "Payee", "Created (UTC)", "Failure")) {
            table.column(column);
        }
        List<PayerTransfer> found = transfers.store().list(filter);
        for (PayerTransfer t : found) {
            table.addRow().addContent(t.transferId(), t.tenant(), t.state().name(),
                    FspiopAmount.normalise(t.amount()) + " " + t.currency(), t.payer().toString(),
                    t.payee() + (t.payeeFsp() == null ? "" : " @" + t.payeeFsp()), t.createdAt().toString(),
                    t.failureCode() == null ? "" : t.failureCode() + " " + t.failureReason());
        }
        table.print(out);
        out.println(found.size() + " transfer(s)" + (found.size() == limit ? " (the newest " + limit + "; -n shows more)" : ""));
    }

    /**
     * Per tenant, the transfers of the last {@code minutes}: how many in each state, how many ended
     * a minute, and the oldest transfer still in flight (of any age) with how long it has been.
     */
    public void stats(int minutes, PrintStream out) throws SQLException {
        if (minutes < 1) {
            throw new IllegalArgumentException("The window is at least one minute");
        }
        Instant now = transfers.store().now();
        List<PayerTransferStore.TenantActivity> activity = transfers.store().activity(now.minus(Duration.ofMinutes(minutes)));
        if (activity.isEmpty()) {
            out.println("No transfers in the last " + minutes + " minutes, and none in flight.");
            return;
        }
        ShellTable table = new ShellTable();
        for (String column : List.of("Tenant", "Created", "COMMITTED", "ABORTED", "UNKNOWN", "In flight", "Ended a minute",
                "Oldest in flight")) {
            table.column(column);
        }
        for (PayerTransferStore.TenantActivity tenant : activity) {
            long created = tenant.createdByState().values().stream().mapToLong(Long::longValue).sum();
            long committed = tenant.createdByState().getOrDefault(TransferState.COMMITTED, 0L);
            long aborted = tenant.createdByState().getOrDefault(TransferState.ABORTED, 0L);
            long unknown = tenant.createdByState().getOrDefault(TransferState.UNKNOWN, 0L);
            PayerTransfer oldest = tenant.oldestInFlight();
            table.addRow().addContent(tenant.tenant(), created, committed, aborted, unknown, created - committed - aborted - unknown,
                    String.format(Locale.ROOT, "%.1f", tenant.ended() / (double) minutes),
                    oldest == null ? "" : oldest.transferId() + " " + oldest.state() + " for "
                            + Duration.between(oldest.createdAt(), now).toSeconds() + " s");
        }
        table.print(out);
        out.println("Transfers created in the last " + minutes + " minutes by the state they are in now (-m sets the window).");
    }

    /** @return false when there is no such transfer */
    public boolean show(String transferId, PrintStream out) throws SQLException {
        Optional<PayerTransfer> found = transfers.store().find(transferId);
        if (found.isEmpty()) {
            out.println("No transfer " + transferId);
            return false;
        }
        PayerTransfer t = found.get();
        out.println("Transfer      " + t.transferId() + (t.clientRef() == null ? "" : " (client reference " + t.clientRef() + ")"));
        out.println("Tenant        " + t.tenant() + " (" + t.payerFsp() + ")");
        out.println("State         " + t.state() + (t.failureCode() == null ? "" : ": " + t.failureCode() + " " + t.failureReason()));
        out.println("Amount        " + FspiopAmount.normalise(t.amount()) + " " + t.currency() + " (" + t.scenario() + ")");
        out.println("Payer         " + t.payer() + (t.payerAccount() == null ? "" : ", account " + t.payerAccount()));
        out.println("Payee         " + t.payee() + (t.payeeFsp() == null ? "" : " at " + t.payeeFsp())
                + (t.payeeName() == null ? "" : ", " + t.payeeName()));
        if (t.transferAmount() != null) {
            out.println("Fees          payer " + plain(t.payerFee()) + ", payee " + plain(t.payeeFee()) + "; payer debit "
                    + plain(t.payerDebit()) + " " + t.currency());
        }
        if (t.expiresAt() != null) {
            out.println("Expires       " + t.expiresAt());
        }
        out.println();
        ShellTable steps = new ShellTable();
        steps.column("#");
        steps.column("At (UTC)");
        steps.column("Step");
        steps.column("Outcome");
        steps.column("Detail");
        for (StepJournal.Step step : transfers.store().steps(transferId)) {
            steps.addRow().addContent(step.seq(), step.recordedAt().toString(), step.step(), step.outcome(),
                    step.detail() == null ? "" : step.detail());
        }
        steps.print(out);
        if (t.state() == TransferState.UNKNOWN) {
            out.println("The funds stay on hold. Ask the switch again: hub:ask-switch " + t.transferId()
                    + "; or, once its records show the outcome: hub:resolve " + t.transferId() + " COMMITTED|ABORTED");
        }
        return true;
    }

    public void resolve(String transferId, String outcome, String note, Sender sender, PrintStream out) throws Exception {
        PayerTransfers.Resolution resolution;
        try {
            resolution = PayerTransfers.Resolution.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The outcome is COMMITTED (debit the held funds) or ABORTED (release them), not " + outcome);
        }
        List<Emit> emits = transfers.resolve(transferId, resolution, note);
        sender.send(emits);
        out.println("Transfer " + transferId + (resolution == PayerTransfers.Resolution.COMMITTED
                ? ": the held funds are being debited" : ": the held funds are being released")
                + "; hub:transfer " + transferId + " shows when it is done");
    }

    public void askSwitch(String transferId, String who, String note, PrintStream out) throws Exception {
        transfers.askSwitch(transferId, who, note);
        out.println("Transfer " + transferId + ": GET /transfers/" + transferId + " goes to the switch; its answer settles the "
                + "transfer, and without one it is UNKNOWN again. hub:transfer " + transferId + " shows what it said");
    }

    private static TransferState parseState(String state) {
        try {
            return TransferState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("No state " + state + "; one of " + List.of(TransferState.values()));
        }
    }

    private static Instant parseTime(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("A date is yyyy-MM-dd or an instant such as 2026-11-28T10:15:00Z, not " + text);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "0" : FspiopAmount.normalise(value);
    }
}
