package io.paymenthub.console.request;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.support.table.ShellTable;

import io.paymenthub.core.step.StepJournal;
import io.paymenthub.flow.request.RequestRole;
import io.paymenthub.flow.request.RequestState;
import io.paymenthub.flow.request.TransactionRequest;
import io.paymenthub.flow.request.TransactionRequestStore;
import io.paymenthub.fspiop.FspiopAmount;

/** What the request commands print, apart from Karaf: tested on its own. */
public class RequestConsole {

    private final TransactionRequestStore store;

    public RequestConsole(TransactionRequestStore store) {
        this.store = store;
    }

    public void list(String tenant, String role, String state, int limit, PrintStream out) throws SQLException {
        TransactionRequestStore.Filter filter = new TransactionRequestStore.Filter(tenant, role == null ? null : parse(RequestRole.class, role),
                state == null ? null : parse(RequestState.class, state), limit);
        ShellTable table = new ShellTable();
        for (String column : List.of("Request id", "Tenant", "Side", "State", "Amount", "Payer", "Payee", "Created (UTC)", "Failure")) {
            table.column(column);
        }
        List<TransactionRequest> found = store.list(filter);
        for (TransactionRequest r : found) {
            table.addRow().addContent(r.requestId(), r.tenant(), r.role().name(), r.state().name(),
                    FspiopAmount.normalise(r.amount()) + " " + r.currency(), r.payer() + (r.payerFsp() == null ? "" : " @" + r.payerFsp()),
                    r.payee() + (r.payeeFsp() == null ? "" : " @" + r.payeeFsp()), r.createdAt().toString(),
                    r.failureCode() == null ? "" : r.failureCode() + " " + r.failureReason());
        }
        table.print(out);
        out.println(found.size() + " request(s)" + (found.size() == limit ? " (the newest " + limit + "; -n shows more)" : ""));
    }

    /**
     * Every record of the request: a request between two tenants of this hub has one per side.
     *
     * @return false when there is none
     */
    public boolean show(String requestId, PrintStream out) throws SQLException {
        List<TransactionRequest> found = store.findAll(requestId);
        if (found.isEmpty()) {
            out.println("No request to pay " + requestId);
            return false;
        }
        for (TransactionRequest r : found) {
            out.println("Request       " + r.requestId() + " (" + r.role() + " side, tenant " + r.tenant() + ")"
                    + (r.clientRef() == null ? "" : ", client reference " + r.clientRef()));
            out.println("State         " + r.state() + (r.failureCode() == null ? "" : ": " + r.failureCode() + " " + r.failureReason()));
            out.println("Amount        " + FspiopAmount.normalise(r.amount()) + " " + r.currency() + " (" + r.scenario() + ", payee "
                    + r.initiatorType() + ")" + (r.note() == null ? "" : ": " + r.note()));
            out.println("Payer         " + r.payer() + (r.payerFsp() == null ? "" : " at " + r.payerFsp())
                    + (r.payerAccount() == null ? "" : ", account " + r.payerAccount()));
            out.println("Payee         " + r.payee() + (r.payeeFsp() == null ? "" : " at " + r.payeeFsp())
                    + (r.payeeName() == null ? "" : ", " + r.payeeName()));
            if (r.transferId() != null) {
                out.println("Transfer      " + r.transferId() + (r.amountReceived() == null ? ""
                        : ", " + FspiopAmount.normalise(r.amountReceived()) + " " + r.currency() + " received")
                        + (r.role() == RequestRole.PAYER ? " (hub:transfer " + r.transferId() + ")" : ""));
            }
            out.println("Expires       " + r.expiresAt());
            ShellTable steps = new ShellTable();
            steps.column("#");
            steps.column("At (UTC)");
            steps.column("Step");
            steps.column("Outcome");
            steps.column("Detail");
            for (StepJournal.Step step : store.steps(r)) {
                steps.addRow().addContent(step.seq(), step.recordedAt().toString(), step.step(), step.outcome(),
                        step.detail() == null ? "" : step.detail());
            }
            steps.print(out);
            out.println();
        }
        return true;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("No " + type.getSimpleName() + " " + text + "; one of " + List.of(type.getEnumConstants()));
        }
    }
}
