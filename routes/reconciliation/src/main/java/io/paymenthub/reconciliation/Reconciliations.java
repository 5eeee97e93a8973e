package io.paymenthub.reconciliation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Booking;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.config.HubFiles;
import io.paymenthub.core.settlement.SwitchSettlements;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.TransferState;

/**
 * End-of-day reconciliation of a tenant's business day: the hub's journal against the bookings of
 * the tenant's core banking on every account the day touched, read page by page and compared in
 * the database. A run of a day that was run before replaces its result; one node at a time runs a
 * tenant's day. Each run writes its report (JSON, and CSV of the breaks and of the totals) under
 * {@code reportDir/<tenant>/}. Published as an OSGi service for the console and the channel API.
 */
public class Reconciliations {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliations.class);

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final ReconciliationStore store;
    private final Path reportDir;
    private final Duration staleRunAfter;
    private final Clock clock;
    private final SettlementReconciliation settlement;

    /**
     * @param switchSide the switch's settlement API, as the Mojaloop connector publishes it (a live
     *                   list, empty while it is not running): tenants with a {@code settlement.participantId} need it
     */
    public Reconciliations(TenantDirectory tenants, AccountSystemDirectory accountSystems, List<SwitchSettlements> switchSide,
                           ReconciliationStore store, String reportDir, int staleRunMinutes) {
        this(tenants, accountSystems, switchSide, store, HubFiles.resolve(reportDir), Duration.ofMinutes(staleRunMinutes),
                Clock.systemUTC());
    }

    Reconciliations(TenantDirectory tenants, AccountSystemDirectory accountSystems, List<SwitchSettlements> switchSide,
                    ReconciliationStore store, Path reportDir, Duration staleRunAfter, Clock clock) {
        if (staleRunAfter.isNegative() || staleRunAfter.isZero()) {
            throw new IllegalArgumentException("staleRunMinutes must be at least 1");
        }
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.store = store;
        this.reportDir = reportDir;
        this.staleRunAfter = staleRunAfter;
        this.clock = clock;
        this.settlement = new SettlementReconciliation(switchSide, accountSystems, store, new SettlementWindowStore(store.dataSource()),
                clock);
    }

    /** The switch's settlement windows as runs found them, the latest first. */
    public List<SettlementWindowStore.RecordedWindow> settlementWindows(String tenantName, int limit) throws SQLException {
        return settlement.windows().windows(tenant(tenantName).name(), limit);
    }

    public ReconciliationStore store() {
        return store;
    }

    public Tenant tenant(String name) {
        return tenants.byName(name).orElseThrow(() -> new IllegalArgumentException("No tenant " + name));
    }

    /** A business day as operators and back offices write it, yyyy-MM-dd. */
    public static LocalDate businessDay(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("The business day is a date yyyy-MM-dd, not '" + text + "'");
        }
    }

    /** The tenant's last business day whose cut-off has passed: what an end-of-day run reconciles by default. */
    public LocalDate lastClosedDay(Tenant tenant) {
        Tenant.ReconciliationSettings settings = tenant.settings().reconciliation();
        return settings.dayOf(clock.instant()).minusDays(1);
    }

    /**
     * Reconciles the tenant's business day and makes the run its result; throws
     * {@link ReconciliationBusyException} when another run of that day is under way.
     */
    public ReconciliationRun run(String tenantName, LocalDate day, String requestedBy) throws SQLException {
        Tenant tenant = tenant(tenantName);
        Tenant.ReconciliationSettings settings = tenant.settings().reconciliation();
        Instant start = settings.dayStart(day);
        Instant end = settings.dayEnd(day);
        Instant now = clock.instant();
        ReconciliationRun run = new ReconciliationRun(UUID.randomUUID().toString(), tenant.name(), day, ReconciliationRun.State.RUNNING,
                start, end, requestedBy, now, null, 0, 0, 0, null, null);
        if (!store.claim(run, now.minus(staleRunAfter))) {
            throw new ReconciliationBusyException("A reconciliation of " + tenant.name() + " for " + day + " is already running");
        }
        LOG.info("Reconciliation {} of {} for {} ({} to {}) started by {}", run.runId(), tenant.name(), day, start, end, requestedBy);
        try {
            Set<String> accounts = new TreeSet<>(store.accountsOf(tenant.name(), tenant.fspId(), start, end));
            accounts.addAll(settings.accounts());
            // Core banking dates its bookings by its own business date: read from the day the window
            // starts on to the day it ends on, so that a booking made just before the cut-off is found.
            LocalDate from = start.atZone(settings.timeZone()).toLocalDate();
            LocalDate to = end.atZone(settings.timeZone()).toLocalDate();
            AccountSystem system = accounts.isEmpty() ? null : accountSystems.forTenant(tenant);
            long bookingsRead = 0;
            for (String account : accounts) {
                try (ReconciliationStore.BookingSink sink = store.stage(run.runId(), account)) {
                    bookingsRead += system.forEachBooking(tenant, account, from, to, sink);
                } catch (AccountSystemException e) {
                    if (e.error() != AccountSystemError.ACCOUNT_NOT_FOUND) {
                        throw e;
                    }
                    // Its transfers show as not booked.
                    LOG.warn("Reconciliation {} of {}: account {} is not in core banking", run.runId(), tenant.name(), account);
                }
            }
            ReconciliationSummary summary;
            int breakCount;
            try (ReconciliationStore.BreakSink breaks = store.breaks(run.runId())) {
                store.compare(run.runId(), tenant.name(), tenant.fspId(), day, start, end, breaks);
                List<ReconciliationSummary.WindowTotals> windows = settlement.reconcile(tenant, run.runId(), start, end, breaks);
                breaks.close();
                breakCount = breaks.count();
                summary = store.summarise(tenant.name(), tenant.fspId(), start, end, breaks.byClass()).withWindows(windows);
            }
            store.finish(run, clock.instant(), accounts.size(), bookingsRead, breakCount, summary);
            ReconciliationRun done = store.run(run.runId()).orElseThrow();
            writeReports(done);
            LOG.info("Reconciliation {} of {} for {}: {} account(s), {} booking(s) read, {} break(s)", run.runId(), tenant.name(), day,
                    accounts.size(), bookingsRead, breakCount);
            return done;
        } catch (SQLException | RuntimeException e) {
            LOG.error("Reconciliation {} of {} for {} failed: {}", run.runId(), tenant.name(), day, e.getMessage());
            store.fail(run, clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    /**
     * Releases a hold core banking still keeps for a transfer that has ended, the obvious way out of
     * a {@link BreakClass#STALE_HOLD} break: only for a transfer of the tenant that is COMMITTED or
     * ABORTED, whose hold a run found and core banking still shows open. The transfer's history
     * records who released what, and why. Returns what was done, in a sentence.
     */
    public String releaseStaleHold(String tenantName, String transferId, String who, String reason) throws SQLException {
        Tenant tenant = tenant(tenantName);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why (--reason): it is kept in the transfer's history");
        }
        PayerTransferStore transfers = new PayerTransferStore(store.dataSource());
        PayerTransfer transfer = transfers.find(tenant.name(), transferId).orElseThrow(() -> new IllegalArgumentException(
                "No transfer " + transferId + " of " + tenant.name()));
        if (transfer.state() != TransferState.COMMITTED && transfer.state() != TransferState.ABORTED) {
            throw new IllegalStateException("Transfer " + transferId + " is " + transfer.state() + ": only an ended transfer's hold is "
                    + "released here (an UNKNOWN one is settled with hub:resolve)");
        }
        ReconciliationBreak found = store.lastStaleHold(tenant.name(), transferId).orElseThrow(() -> new IllegalStateException(
                "No reconciliation found a stale hold of " + transferId + ": reconcile its day first"));
        AccountSystem system = accountSystems.forTenant(tenant);
        Optional<Booking> hold = openHold(system, tenant, found.accountId(), transferId);
        if (hold.isEmpty()) {
            return "No hold of " + transferId + " is open on " + found.accountId() + " any more: nothing released";
        }
        BigDecimal amount = hold.get().amount();
        String currency = hold.get().currency() != null ? hold.get().currency() : found.currency();
        system.release(tenant, new TransferBooking(transfer.transactionId() == null ? transferId : transfer.transactionId(), transferId,
                found.accountId(), new Money(amount, currency), null, null, Role.PAYER, null, null));
        if (openHold(system, tenant, found.accountId(), transferId).isPresent()) {
            // Fineract replays an earlier release with the same key: the new hold is then untouched.
            throw new IllegalStateException("Core banking answered the release of " + transferId + " on " + found.accountId()
                    + " without releasing the hold: release it there by hand (hold booking " + hold.get().id() + ")");
        }
        String done = plain(amount) + " " + currency + " released on " + found.accountId();
        transfers.note(transferId, "HOLD_RELEASED", transfer.state().name(), done + " by " + who + ": " + reason);
        LOG.info("Stale hold of transfer {} of {}: {} by {} ({})", transferId, tenant.name(), done, who, reason);
        return "Transfer " + transferId + ": " + done;
    }

    private static Optional<Booking> openHold(AccountSystem system, Tenant tenant, String accountId, String transferId) {
        return system.bookings(tenant, accountId).stream().filter(b -> b.kind() == Booking.Kind.HOLD && !b.released() && !b.reversed()
                && transferId.equals(b.receiptNumber())).findFirst();
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    public List<ReconciliationRun> runs(String tenant, int limit) throws SQLException {
        return store.runs(tenant, limit);
    }

    /** The day's result, if it was reconciled. */
    public Optional<ReconciliationRun> result(String tenant, LocalDate day) throws SQLException {
        return store.result(tenant, day);
    }

    public void forEachBreak(String runId, Consumer<ReconciliationBreak> each) throws SQLException {
        store.forEachBreak(runId, each);
    }

    /** Where a day's report of the given kind lies. */
    public Path reportFile(String tenant, LocalDate day, ReconciliationReport.Kind kind) {
        return reportDir.resolve(tenant).resolve(kind.fileName(day));
    }

    /**
     * The run's report of the given kind as a file, written again when this node holds none as new
     * as the run (another node of the cluster ran it, or the disk was full then).
     */
    public Path report(ReconciliationRun run, ReconciliationReport.Kind kind) throws java.io.IOException, SQLException {
        Path file = reportFile(run.tenant(), run.businessDay(), kind);
        if (!java.nio.file.Files.exists(file) || run.finishedAt() == null
                || java.nio.file.Files.getLastModifiedTime(file).toInstant().isBefore(run.finishedAt())) {
            ReconciliationReport.write(run, store, kind, file);
        }
        return file;
    }

    private void writeReports(ReconciliationRun run) {
        for (ReconciliationReport.Kind kind : ReconciliationReport.Kind.values()) {
            Path file = reportFile(run.tenant(), run.businessDay(), kind);
            try {
                ReconciliationReport.write(run, store, kind, file);
            } catch (Exception e) {
                // The run's result is in the database and served over REST: a full disk costs the file only.
                LOG.error("Reconciliation {}: could not write {}: {}", run.runId(), file, e.getMessage());
            }
        }
    }
}
