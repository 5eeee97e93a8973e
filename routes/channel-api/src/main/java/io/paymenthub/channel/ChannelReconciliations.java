package io.paymenthub.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.reconciliation.ReconciliationBusyException;
import io.paymenthub.reconciliation.ReconciliationReport;
import io.paymenthub.reconciliation.ReconciliationRun;
import io.paymenthub.reconciliation.ReconciliationSummary;
import io.paymenthub.reconciliation.Reconciliations;

/**
 * The channel API's end-of-day reconciliation: a tenant's back office runs a business day and
 * reads its report (JSON, or the breaks and the totals as CSV). A tenant only ever sees its own days.
 */
public class ChannelReconciliations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Reconciliations reconciliations;

    public ChannelReconciliations(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    /** Runs the day (replacing an earlier result of it) and answers the run with its totals. */
    public ChannelResponse run(Tenant tenant, String day) throws SQLException {
        LocalDate businessDay = day(day);
        try {
            return ChannelResponse.of(200, runJson(reconciliations.run(tenant.name(), businessDay,
                    "channel:" + tenant.channel().clientId())).toString());
        } catch (ReconciliationBusyException e) {
            throw new ChannelException(409, "RECONCILIATION_RUNNING", e.getMessage());
        } catch (AccountSystemException e) {
            throw new ChannelException(502, "CORE_BANKING_UNAVAILABLE", "The day could not be read from core banking: "
                    + e.error().name() + "; run it again later");
        }
    }

    /** The day's report: JSON with every break, or {@code breaks.csv} or {@code totals.csv}. */
    public ChannelResponse report(Tenant tenant, String day, ReconciliationReport.Kind kind) throws SQLException {
        LocalDate businessDay = day(day);
        ReconciliationRun run = reconciliations.result(tenant.name(), businessDay).orElseThrow(() -> new ChannelException(404, "NOT_FOUND",
                "Business day " + businessDay + " of " + tenant.name() + " was not reconciled"));
        try {
            return ChannelResponse.streamed(200, kind.mediaType(), Files.newInputStream(reconciliations.report(run, kind)));
        } catch (IOException e) {
            throw new IllegalStateException("The report of " + tenant.name() + " " + businessDay + " could not be read: " + e.getMessage(),
                    e);
        }
    }

    private static ObjectNode runJson(ReconciliationRun run) {
        ObjectNode json = JSON.createObjectNode();
        json.put("runId", run.runId());
        json.put("businessDay", run.businessDay().toString());
        json.put("state", run.state().name());
        json.put("windowStart", run.windowStart().toString());
        json.put("windowEnd", run.windowEnd().toString());
        json.put("accountsRead", run.accountsRead());
        json.put("bookingsRead", run.bookingsRead());
        json.put("breakCount", run.breakCount());
        if (run.summary() != null) {
            json.set("summary", ReconciliationSummary.fromJson(run.summary()).toJson());
        }
        return json;
    }

    private static LocalDate day(String day) {
        try {
            return Reconciliations.businessDay(day);
        } catch (IllegalArgumentException e) {
            throw new ChannelException(400, "INVALID_DATE", e.getMessage());
        }
    }
}
