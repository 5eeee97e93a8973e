package io.paymenthub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Booking;
import io.paymenthub.core.account.BookingResult;
import io.paymenthub.core.account.FeeQuote;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.QuoteBooking;
import io.paymenthub.core.account.TransactionRequestBooking;
import io.paymenthub.core.account.TransactionRequestCheck;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.settlement.SettlementWindow;
import io.paymenthub.core.settlement.SwitchSettlementException;
import io.paymenthub.core.settlement.SwitchSettlements;
import io.paymenthub.core.settlement.WindowPosition;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.core.tenant.TestTenantConfigs;

/**
 * A tenant's business day reconciled against core banking's bookings and the switch's settlement
 * windows, on H2 and on the machine's PostgreSQL: a clean day, each class of break made on purpose,
 * a day run again, one run of a day at a time, a run that fails without touching the day's earlier
 * result, each settled window booked once.
 */
class ReconciliationsTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    static final Instant NOON = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    @TempDir
    Path reports;
    DataSource dataSource;
    Tenant dfsp1;
    Core core;
    Reconciliations reconciliations;

    static List<String> databases() {
        return List.of("h2", "postgres");
    }

    Switch switchSide;

    void start(String database) throws SQLException {
        start(database, Map.of());
    }

    void start(String database, Map<String, Object> settings) throws SQLException {
        dataSource = database.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        new SchemaMigrator(dataSource).migrate();
        Map<String, Object> config = TestTenantConfigs.valid("dfsp1", "dfsp1");
        config.put("reconciliation.accounts", "dfsp1-settlement");
        config.putAll(settings);
        dfsp1 = TestTenantConfigs.tenant(config);
        core = new Core();
        switchSide = new Switch();
        reconciliations = new Reconciliations(directory(dfsp1), new AccountSystemDirectory(List.of(core)), List.of(switchSide),
                new ReconciliationStore(dataSource), reports, Duration.ofMinutes(30),
                Clock.fixed(DAY.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDayWhereEverythingAgreesHasNoBreaksAndItsTotals(String database) throws Exception {
        start(database);
        String paid = transfer("COMMITTED", "alice", "100", "1.5", NOON, "SWITCH", "dfsp2", null);
        core.hold("alice", paid, "101.5", true).fee("alice", "1.5").withdrawal("alice", paid, "100");
        String failed = transfer("ABORTED", "alice", "40", null, NOON, "SWITCH", "dfsp2", null);
        core.hold("alice", failed, "40", true);
        String onUs = transfer("COMMITTED", "bakari", "25", null, NOON, "ON_US", "dfsp1", "chausiku");
        core.hold("bakari", onUs, "25", true).withdrawal("bakari", onUs, "25").deposit("chausiku", onUs, "25");
        String credited = credit("chausiku", "60", NOON);
        core.deposit("chausiku", credited, "60");
        core.deposit("chausiku", "branch-receipt-17", "500"); // a branch deposit: not the hub's
        transfer("COMMITTED", "alice", "999", null, DAY.plusDays(1).atTime(0, 30).toInstant(ZoneOffset.UTC), "SWITCH", "dfsp2", null);

        ReconciliationRun run = reconciliations.run("dfsp1", DAY, "test");

        assertThat(breaks(run)).isEmpty();
        assertThat(run.state()).isEqualTo(ReconciliationRun.State.DONE);
        assertThat(run.windowStart()).isEqualTo(DAY.atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(run.accountsRead()).as("alice, bakari, chausiku and the configured settlement account").isEqualTo(4);
        assertThat(core.read).contains("dfsp1-settlement");
        ReconciliationSummary summary = ReconciliationSummary.fromJson(run.summary());
        ReconciliationSummary.CurrencyTotals usd = summary.currencies().get("USD");
        assertThat(usd.outCount()).isEqualTo(1);
        assertThat(usd.outAmount()).isEqualByComparingTo("100");
        assertThat(usd.outFees()).isEqualByComparingTo("1.5");
        assertThat(usd.inCount()).isEqualTo(1);
        assertThat(usd.inAmount()).isEqualByComparingTo("60");
        assertThat(usd.onUsOutAmount()).isEqualByComparingTo("25");
        assertThat(usd.onUsInAmount()).isEqualByComparingTo("25");
        assertThat(usd.netPosition()).isEqualByComparingTo("-40");
        assertThat(summary.transferStates()).containsEntry("COMMITTED", 2L).containsEntry("ABORTED", 1L);

        Path json = reports.resolve("dfsp1").resolve("2026-11-30.json");
        assertThat(Files.readString(json)).contains("\"netPosition\" : \"-40\"", "\"breakCount\" : 0");
        assertThat(Files.readAllLines(reports.resolve("dfsp1").resolve("2026-11-30-totals.csv")))
                .contains("dfsp1,2026-11-30,USD,1,100,1.5,1,60,1,25,1,25,-40,0");

        ReconciliationRun again = reconciliations.run("dfsp1", DAY, "test");
        assertThat(again.runId()).isNotEqualTo(run.runId());
        assertThat(again.summary()).isEqualTo(run.summary());
        assertThat(reconciliations.runs("dfsp1", 10)).extracting(ReconciliationRun::runId).containsExactly(again.runId());
        assertThat(reconciliations.result("dfsp1", DAY)).map(ReconciliationRun::runId).contains(again.runId());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachBreakIsFoundWithItsClassAndAmounts(String database) throws Exception {
        start(database);
        String unbooked = transfer("COMMITTED", "alice", "100", null, NOON, "SWITCH", "dfsp2", null);
        core.hold("alice", unbooked, "100", true);
        String otherAmount = transfer("COMMITTED", "alice", "50", null, NOON, "SWITCH", "dfsp2", null);
        core.withdrawal("alice", otherAmount, "55");
        String otherFee = transfer("COMMITTED", "alice", "20", "1", NOON, "SWITCH", "dfsp2", null);
        core.fee("alice", "3").withdrawal("alice", otherFee, "20");
        String debitedButFailed = transfer("ABORTED", "alice", "30", null, NOON, "SWITCH", "dfsp2", null);
        core.withdrawal("alice", debitedButFailed, "30");
        String staleHold = transfer("ABORTED", "bakari", "15", null, NOON, "SWITCH", "dfsp2", null);
        core.hold("bakari", staleHold, "15", false);
        String unknown = transfer("UNKNOWN", "bakari", "70", "2", NOON, "SWITCH", "dfsp2", null);
        core.hold("bakari", unknown, "72", false);
        String running = transfer("TRANSFER_SENT", "bakari", "5", null, NOON, "SWITCH", "dfsp2", null);
        String stranger = UUID.randomUUID().toString();
        core.deposit("bakari", stranger, "9");
        String twice = credit("chausiku", "60", NOON);
        core.deposit("chausiku", twice, "60").deposit("chausiku", twice, "60");
        String notCredited = credit("chausiku", "80", NOON);

        ReconciliationRun run = reconciliations.run("dfsp1", DAY, "test");

        List<ReconciliationBreak> found = breaks(run);
        assertThat(found).extracting(ReconciliationBreak::breakClass, ReconciliationBreak::transferId).containsExactlyInAnyOrder(
                tuple(BreakClass.NOT_BOOKED, unbooked),
                tuple(BreakClass.AMOUNT_MISMATCH, otherAmount),
                tuple(BreakClass.FEE_MISMATCH, otherFee),
                tuple(BreakClass.BOOKED_BUT_FAILED, debitedButFailed),
                tuple(BreakClass.STALE_HOLD, staleHold),
                tuple(BreakClass.UNKNOWN_OUTCOME, unknown),
                tuple(BreakClass.NOT_FINAL, running),
                tuple(BreakClass.UNKNOWN_TO_HUB, stranger),
                tuple(BreakClass.DUPLICATE_BOOKING, twice),
                tuple(BreakClass.NOT_BOOKED, notCredited));
        assertThat(found).filteredOn(b -> b.breakClass() == BreakClass.AMOUNT_MISMATCH).singleElement().satisfies(b -> {
            assertThat(b.hubAmount()).isEqualByComparingTo("50");
            assertThat(b.bookedAmount()).isEqualByComparingTo("55");
            assertThat(b.accountId()).isEqualTo("alice");
        });
        assertThat(found).filteredOn(b -> b.breakClass() == BreakClass.FEE_MISMATCH).singleElement().satisfies(b -> {
            assertThat(b.hubAmount()).isEqualByComparingTo("1");
            assertThat(b.bookedAmount()).isEqualByComparingTo("3");
        });
        assertThat(found).filteredOn(b -> b.breakClass() == BreakClass.UNKNOWN_OUTCOME).singleElement().satisfies(b -> {
            assertThat(b.hubAmount()).as("the payer's debit").isEqualByComparingTo("72");
            assertThat(b.bookedAmount()).as("on hold").isEqualByComparingTo("72");
            assertThat(b.action()).contains("hub:resolve");
        });
        assertThat(run.breakCount()).isEqualTo(10);
        assertThat(ReconciliationSummary.fromJson(run.summary()).breaks()).containsEntry("NOT_BOOKED", 2L).containsEntry("STALE_HOLD", 1L);
        List<String> csv = Files.readAllLines(reports.resolve("dfsp1").resolve("2026-11-30-breaks.csv"));
        assertThat(csv).hasSize(11).anySatisfy(line -> assertThat(line).startsWith("dfsp1,2026-11-30,AMOUNT_MISMATCH," + otherAmount
                + ",alice,USD,50,55,"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneRunOfADayAtATimeAndAFailedRunLeavesTheEarlierResult(String database) throws Exception {
        start(database);
        String paid = transfer("COMMITTED", "alice", "100", null, NOON, "SWITCH", "dfsp2", null);
        core.withdrawal("alice", paid, "100");
        ReconciliationRun first = reconciliations.run("dfsp1", DAY, "test");

        try (Connection connection = dataSource.getConnection(); PreparedStatement claim = connection.prepareStatement(
                "UPDATE hub_reconciliation_day SET state = 'RUNNING', claimed_at = ? WHERE tenant = 'dfsp1'")) {
            claim.setTimestamp(1, java.sql.Timestamp.from(DAY.plusDays(1).atTime(0, 50).toInstant(ZoneOffset.UTC)));
            claim.executeUpdate();
        }
        assertThatThrownBy(() -> reconciliations.run("dfsp1", DAY, "test")).isInstanceOf(ReconciliationBusyException.class)
                .hasMessageContaining("already running");

        try (Connection connection = dataSource.getConnection(); PreparedStatement claim = connection.prepareStatement(
                "UPDATE hub_reconciliation_day SET claimed_at = ? WHERE tenant = 'dfsp1'")) {
            claim.setTimestamp(1, java.sql.Timestamp.from(DAY.atTime(20, 0).toInstant(ZoneOffset.UTC)));
            claim.executeUpdate();
        }
        core.unavailable = true;
        assertThatThrownBy(() -> reconciliations.run("dfsp1", DAY, "test")).as("a claim of a node that died is taken over")
                .isInstanceOf(AccountSystemException.class);

        assertThat(reconciliations.runs("dfsp1", 10)).extracting(ReconciliationRun::state)
                .containsExactlyInAnyOrder(ReconciliationRun.State.FAILED, ReconciliationRun.State.DONE);
        assertThat(reconciliations.result("dfsp1", DAY)).map(ReconciliationRun::runId).contains(first.runId());
        core.unavailable = false;
        assertThat(reconciliations.run("dfsp1", DAY, "test").breakCount()).as("the day can be run again").isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStaleHoldIsReleasedOnlyForAnEndedTransferAndItsHistorySaysWhoAndWhy(String database) throws Exception {
        start(database);
        String aborted = transfer("ABORTED", "bakari", "15", null, NOON, "SWITCH", "dfsp2", null);
        core.hold("bakari", aborted, "15", false);
        String running = transfer("TRANSFER_SENT", "bakari", "5", null, NOON, "SWITCH", "dfsp2", null);
        core.hold("bakari", running, "5", false);

        assertThatThrownBy(() -> reconciliations.releaseStaleHold("dfsp1", aborted, "console:ops", "customer called"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reconcile its day first");
        reconciliations.run("dfsp1", DAY, "test");
        assertThatThrownBy(() -> reconciliations.releaseStaleHold("dfsp1", running, "console:ops", "customer called"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TRANSFER_SENT");
        assertThatThrownBy(() -> reconciliations.releaseStaleHold("dfsp1", aborted, "console:ops", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--reason");

        String released = reconciliations.releaseStaleHold("dfsp1", aborted, "console:ops", "customer called");

        assertThat(released).contains("15 USD released on bakari");
        assertThat(core.bookings(dfsp1, "bakari")).filteredOn(b -> aborted.equals(b.receiptNumber())).singleElement()
                .satisfies(hold -> assertThat(hold.released()).isTrue());
        assertThat(core.bookings(dfsp1, "bakari")).filteredOn(b -> running.equals(b.receiptNumber())).singleElement()
                .satisfies(hold -> assertThat(hold.released()).as("the running transfer's hold is left alone").isFalse());
        assertThat(new io.paymenthub.flow.payer.PayerTransferStore(dataSource).steps(aborted)).last().satisfies(step -> {
            assertThat(step.step()).isEqualTo("HOLD_RELEASED");
            assertThat(step.detail()).contains("15 USD released on bakari", "console:ops", "customer called");
        });
        assertThat(reconciliations.releaseStaleHold("dfsp1", aborted, "console:ops", "again")).contains("nothing released");
        assertThat(breaks(reconciliations.run("dfsp1", DAY, "test"))).extracting(ReconciliationBreak::breakClass)
                .containsExactly(BreakClass.NOT_FINAL);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSwitchsWindowsAreComparedAndEachSettledNetIsBookedOnceBetweenTheSettlementAndPositionAccounts(String database)
            throws Exception {
        start(database, Map.of("settlement.participantId", "7", "settlement.settlementAccount", "dfsp1-settlement",
                "settlement.positionAccount", "dfsp1-position"));
        String paid = transfer("COMMITTED", "alice", "100", null, NOON, "SWITCH", "dfsp2", null);
        core.hold("alice", paid, "100", true).withdrawal("alice", paid, "100");
        String credited = credit("chausiku", "60", NOON);
        core.deposit("chausiku", credited, "60");
        Instant evening = DAY.atTime(18, 0).toInstant(ZoneOffset.UTC);
        // Window 11 holds the day's transfers: the tenant pays 100 - 60 = 40, settled. Window 12 holds none, yet the switch says 7.
        switchSide.window(11, DAY.atStartOfDay().toInstant(ZoneOffset.UTC), evening, "SETTLED", "40");
        switchSide.window(12, evening, evening.plusSeconds(3600), "PENDING_SETTLEMENT", "7");

        ReconciliationRun run = reconciliations.run("dfsp1", DAY, "test");

        assertThat(breaks(run)).singleElement().satisfies(b -> {
            assertThat(b.breakClass()).isEqualTo(BreakClass.NET_POSITION_MISMATCH);
            assertThat(b.transferId()).isEqualTo("window 12");
            assertThat(b.hubAmount()).isEqualByComparingTo("0");
            assertThat(b.bookedAmount()).isEqualByComparingTo("7");
        });
        assertThat(ReconciliationSummary.fromJson(run.summary()).windows()).extracting(w -> w.windowId(), w -> w.switchNet().toPlainString(),
                w -> w.hubNet().toPlainString(), ReconciliationSummary.WindowTotals::booked)
                .containsExactly(tuple(11L, "40", "40", true), tuple(12L, "7", "0", false));
        String code = SettlementReconciliation.transferCode("dfsp1", 11, "USD");
        assertThat(core.bookings(dfsp1, "dfsp1-settlement")).filteredOn(b -> code.equals(b.receiptNumber()))
                .extracting(Booking::kind, b -> b.amount().toPlainString())
                .containsExactly(tuple(Booking.Kind.HOLD, "40"), tuple(Booking.Kind.WITHDRAWAL, "40"));
        assertThat(core.bookings(dfsp1, "dfsp1-position")).extracting(Booking::kind, Booking::receiptNumber, b -> b.amount().toPlainString())
                .containsExactly(tuple(Booking.Kind.DEPOSIT, code, "40"));

        // Run again, once window 12 is settled: window 11 is not booked twice, window 12 is booked, and the
        // settlement account's bookings are the hub's own, not unknown to it.
        switchSide.window(12, evening, evening.plusSeconds(3600), "SETTLED", "7");
        ReconciliationRun again = reconciliations.run("dfsp1", DAY, "test");

        assertThat(breaks(again)).extracting(ReconciliationBreak::breakClass).containsExactly(BreakClass.NET_POSITION_MISMATCH);
        assertThat(core.reserved).containsExactly(code, SettlementReconciliation.transferCode("dfsp1", 12, "USD"));
        assertThat(reconciliations.settlementWindows("dfsp1", 10)).extracting(w -> w.windowId(), w -> w.bookedAt() != null,
                w -> w.bookedBy()).containsExactly(tuple(12L, true, again.runId()), tuple(11L, true, run.runId()));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSettlementCoreBankingRefusesIsABreakAndTheNextRunBooksIt(String database) throws Exception {
        start(database, Map.of("settlement.participantId", "7", "settlement.settlementAccount", "dfsp1-settlement",
                "settlement.positionAccount", "dfsp1-position"));
        String credited = credit("chausiku", "25", NOON);
        core.deposit("chausiku", credited, "25");
        // The tenant is paid 25: the position account pays the settlement account.
        switchSide.window(3, NOON.minusSeconds(60), NOON.plusSeconds(60), "SETTLED", "-25");
        core.refused = "dfsp1-position";

        ReconciliationRun run = reconciliations.run("dfsp1", DAY, "test");

        assertThat(breaks(run)).singleElement().satisfies(b -> {
            assertThat(b.breakClass()).isEqualTo(BreakClass.SETTLEMENT_NOT_BOOKED);
            assertThat(b.accountId()).isEqualTo("dfsp1-position");
            assertThat(b.detail()).contains("25 from dfsp1-position to dfsp1-settlement", "insufficient");
        });
        core.refused = null;
        assertThat(breaks(reconciliations.run("dfsp1", DAY, "test"))).isEmpty();
        assertThat(core.bookings(dfsp1, "dfsp1-settlement")).extracting(Booking::kind, b -> b.amount().toPlainString())
                .containsExactly(tuple(Booking.Kind.DEPOSIT, "25"));

        // A later window: held, then the debit refused for good: the hold is released, never left open.
        String later = credit("chausiku", "5", NOON.plusSeconds(600));
        core.deposit("chausiku", later, "5");
        switchSide.window(4, NOON.plusSeconds(540), NOON.plusSeconds(660), "SETTLED", "-5");
        core.blocked = "dfsp1-position";
        assertThat(breaks(reconciliations.run("dfsp1", DAY, "test"))).extracting(ReconciliationBreak::breakClass, ReconciliationBreak::transferId)
                .containsExactly(tuple(BreakClass.SETTLEMENT_NOT_BOOKED, "window 4"));
        String code = SettlementReconciliation.transferCode("dfsp1", 4, "USD");
        assertThat(core.bookings(dfsp1, "dfsp1-position")).filteredOn(b -> code.equals(b.receiptNumber())).singleElement()
                .satisfies(hold -> {
                    assertThat(hold.kind()).isEqualTo(Booking.Kind.HOLD);
                    assertThat(hold.released()).isTrue();
                });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCreditTheSwitchAbortedIsABreakUntilCoreBankingReversesIt(String database) throws Exception {
        start(database);
        String aborted = credit("chausiku", "60", NOON);
        core.deposit("chausiku", aborted, "60");
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE hub_payee_transaction SET switch_aborted_at = ?, switch_error = '3303 Transfer expired (from switch)' "
                        + "WHERE transfer_id = ?")) {
            update.setTimestamp(1, java.sql.Timestamp.from(NOON.plusSeconds(30)));
            update.setString(2, aborted);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        ReconciliationRun run = reconciliations.run("dfsp1", DAY, "test");

        assertThat(breaks(run)).singleElement().satisfies(b -> {
            assertThat(b.breakClass()).isEqualTo(BreakClass.SWITCH_ABORTED_CREDIT);
            assertThat(b.transferId()).isEqualTo(aborted);
            assertThat(b.accountId()).isEqualTo("chausiku");
            assertThat(b.hubAmount()).isEqualByComparingTo("60");
            assertThat(b.bookedAmount()).isEqualByComparingTo("60");
            assertThat(b.detail()).contains("3303 Transfer expired");
        });
        assertThat(ReconciliationSummary.fromJson(run.summary()).currencies()).as("the switch settles none of it").isEmpty();

        core.reverse("chausiku", aborted);
        assertThat(breaks(reconciliations.run("dfsp1", DAY, "test"))).as("reversed: neither aborted nor missing").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDepositWhoseCreditTheHubNeverRecordedIsABreakUntilItsDeliveryRecordsIt(String database) throws Exception {
        start(database);
        String deposited = credit("chausiku", "25", NOON);
        String notYetDeposited = credit("chausiku", "3", NOON);
        for (String transferId : List.of(deposited, notYetDeposited)) {
            setCredit(transferId, null);
        }
        core.deposit("chausiku", deposited, "25");

        assertThat(breaks(reconciliations.run("dfsp1", DAY, "test"))).singleElement().satisfies(b -> {
            assertThat(b.breakClass()).isEqualTo(BreakClass.CREDIT_NOT_RECORDED);
            assertThat(b.transferId()).isEqualTo(deposited);
            assertThat(b.accountId()).isEqualTo("chausiku");
            assertThat(b.bookedAmount()).isEqualByComparingTo("25");
        });

        // The delivery again learns the deposit from core banking and records it: nothing left to do.
        setCredit(deposited, NOON.plusSeconds(60));
        assertThat(breaks(reconciliations.run("dfsp1", DAY, "test"))).isEmpty();
    }

    /** Sets when a bound transfer's credit was recorded, or, with null, makes it a binding whose credit is not recorded. */
    private void setCredit(String transferId, Instant creditedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE hub_payee_transaction SET credited_at = ? WHERE transfer_id = ?")) {
            update.setTimestamp(1, creditedAt == null ? null : java.sql.Timestamp.from(creditedAt));
            update.setString(2, transferId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRunOfATenantThatComparesWindowsFailsWhenTheSwitchCannotBeAsked(String database) throws Exception {
        start(database, Map.of("settlement.participantId", "7"));
        switchSide.down = true;

        assertThatThrownBy(() -> reconciliations.run("dfsp1", DAY, "test")).isInstanceOf(SwitchSettlementException.class);
        assertThat(reconciliations.runs("dfsp1", 10)).extracting(ReconciliationRun::state).containsExactly(ReconciliationRun.State.FAILED);
    }

    private List<ReconciliationBreak> breaks(ReconciliationRun run) throws SQLException {
        List<ReconciliationBreak> found = new ArrayList<>();
        reconciliations.forEachBreak(run.runId(), found::add);
        return found;
    }

    private String transfer(String state, String payerAccount, String amount, String fee, Instant updatedAt, String routing,
                            String payeeFsp, String payeeAccount) throws SQLException {
        String transferId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_transfer (transfer_id, tenant, direction, state, amount, currency, payer_fsp, payee_fsp, created_at, "
                        + "updated_at, row_version, payer_account, payee_account, routing, transfer_amount, payer_fee) "
                        + "VALUES (?, 'dfsp1', 'PAYER', ?, ?, 'USD', 'dfsp1', ?, ?, ?, 1, ?, ?, ?, ?, ?)")) {
            insert.setString(1, transferId);
            insert.setString(2, state);
            insert.setBigDecimal(3, new BigDecimal(amount));
            insert.setString(4, payeeFsp);
            insert.setTimestamp(5, java.sql.Timestamp.from(updatedAt.minusSeconds(5)));
            insert.setTimestamp(6, java.sql.Timestamp.from(updatedAt));
            insert.setString(7, payerAccount);
            insert.setString(8, payeeAccount);
            insert.setString(9, routing);
            insert.setBigDecimal(10, new BigDecimal(amount));
            insert.setBigDecimal(11, fee == null ? null : new BigDecimal(fee));
            insert.executeUpdate();
        }
        return transferId;
    }

    /** A transfer of the switch credited to a customer of the tenant. */
    private String credit(String account, String amount, Instant at) throws SQLException {
        String transferId = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_payee_transaction (tenant, transaction_id, transfer_id, quote_id, claimed_at, account_id, amount, "
                        + "currency, credited_at) VALUES ('dfsp1', ?, ?, ?, ?, ?, ?, 'USD', ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, transferId);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setTimestamp(4, java.sql.Timestamp.from(at));
            insert.setString(5, account);
            insert.setBigDecimal(6, new BigDecimal(amount));
            insert.setTimestamp(7, java.sql.Timestamp.from(at));
            insert.executeUpdate();
        }
        return transferId;
    }

    private static TenantDirectory directory(Tenant tenant) {
        return new TenantDirectory() {
            @Override
            public List<Tenant> tenants() {
                return List.of(tenant);
            }

            @Override
            public List<RejectedConfiguration> rejected() {
                return List.of();
            }

            @Override
            public Optional<Tenant> byName(String name) {
                return tenant.name().equals(name) ? Optional.of(tenant) : Optional.empty();
            }

            @Override
            public Optional<Tenant> byFspId(String fspId) {
                return tenant.fspId().equals(fspId) ? Optional.of(tenant) : Optional.empty();
            }

            @Override
            public void addListener(Listener listener) {
            }

            @Override
            public void removeListener(Listener listener) {
            }
        };
    }

    /** The switch's settlement API as participant 7 sees it: windows and the net of each, set by the test. */
    static final class Switch implements SwitchSettlements {
        final Map<Long, SettlementWindow> windows = new java.util.TreeMap<>();
        final Map<Long, WindowPosition> positions = new HashMap<>();
        volatile boolean down;

        void window(long id, Instant opened, Instant closed, String settlementState, String net) {
            windows.put(id, new SettlementWindow(id, "SETTLED".equals(settlementState) ? "SETTLED" : "PENDING_SETTLEMENT", opened, closed));
            positions.put(id, new WindowPosition(id, 100 + id, settlementState, "USD", new BigDecimal(net)));
        }

        @Override
        public List<SettlementWindow> closedWindows(String participantId, Instant from, Instant to) {
            if (down) {
                throw new SwitchSettlementException("the switch did not answer");
            }
            assertThat(participantId).isEqualTo("7");
            return windows.values().stream().filter(w -> !w.closedAt().isBefore(from) && w.closedAt().isBefore(to)).toList();
        }

        @Override
        public List<WindowPosition> positions(String participantId, long windowId) {
            return positions.containsKey(windowId) ? List.of(positions.get(windowId)) : List.of();
        }
    }

    /** Core banking as reconciliation reads it: the bookings of each account on the day, in the order booked. */
    static final class Core implements AccountSystem {
        final Map<String, List<Booking>> bookings = new HashMap<>();
        final List<String> read = new ArrayList<>();
        final AtomicLong ids = new AtomicLong();
        final List<String> reserved = new ArrayList<>();
        final Map<PartyId, String> aliases = new HashMap<>();
        volatile boolean unavailable;
        /** An account whose holds core banking refuses (insufficient funds). */
        volatile String refused;
        /** An account that takes holds but whose debits core banking refuses. */
        volatile String blocked;

        Core hold(String account, String receipt, String amount, boolean released) {
            return book(account, Booking.Kind.HOLD, receipt, amount, released);
        }

        Core fee(String account, String amount) {
            return book(account, Booking.Kind.WITHDRAWAL_FEE, null, amount, false);
        }

        Core withdrawal(String account, String receipt, String amount) {
            return book(account, Booking.Kind.WITHDRAWAL, receipt, amount, false);
        }

        Core deposit(String account, String receipt, String amount) {
            return book(account, Booking.Kind.DEPOSIT, receipt, amount, false);
        }

        /** Core banking's reversal of a booking: it stays on the account, marked reversed. */
        Core reverse(String account, String receipt) {
            List<Booking> booked = bookings.get(account);
            for (int i = 0; i < booked.size(); i++) {
                Booking b = booked.get(i);
                if (receipt.equals(b.receiptNumber())) {
                    booked.set(i, new Booking(b.id(), b.kind(), b.amount(), b.currency(), b.date(), b.receiptNumber(), true, b.released()));
                }
            }
            return this;
        }

        private Core book(String account, Booking.Kind kind, String receipt, String amount, boolean released) {
            bookings.computeIfAbsent(account, a -> new ArrayList<>()).add(new Booking(ids.incrementAndGet(), kind, new BigDecimal(amount),
                    "USD", DAY, receipt, false, released));
            return this;
        }

        @Override
        public long forEachBooking(Tenant tenant, String accountId, LocalDate from, LocalDate to, Consumer<Booking> each) {
            if (unavailable) {
                throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "core banking is down", null);
            }
            read.add(accountId);
            List<Booking> day = bookings.getOrDefault(accountId, List.of()).stream()
                    .filter(b -> !b.date().isBefore(from) && !b.date().isAfter(to)).toList();
            day.forEach(each);
            return day.size();
        }

        @Override
        public String name() {
            return "fineract";
        }

        @Override
        public void checkReachable(Tenant tenant) {
            if (unavailable) {
                throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "core banking is down", null);
            }
        }

        @Override
        public PartyAccount lookupParty(Tenant tenant, PartyId party) {
            String accountId = aliases.get(party);
            if (accountId == null) {
                throw new AccountSystemException(AccountSystemError.PARTY_NOT_FOUND, "No account holds " + party, null);
            }
            return new PartyAccount(party, accountId);
        }

        /** An account exists once something was booked on it; its balance is what its bookings leave. */
        @Override
        public AccountHolder accountHolder(Tenant tenant, String accountId) {
            List<Booking> booked = bookings.get(accountId);
            if (booked == null) {
                throw new AccountSystemException(AccountSystemError.ACCOUNT_NOT_FOUND, "No account " + accountId, null);
            }
            BigDecimal available = BigDecimal.ZERO;
            for (Booking b : booked) {
                if (b.reversed()) {
                    continue;
                }
                switch (b.kind()) {
                    case DEPOSIT -> available = available.add(b.amount());
                    case WITHDRAWAL, WITHDRAWAL_FEE -> available = available.subtract(b.amount());
                    case HOLD -> available = b.released() ? available : available.subtract(b.amount());
                    default -> { }
                }
            }
            return new AccountHolder(accountId, "USD", "ACTIVE", available, accountId, null, null);
        }

        /** This core banking charges no fee. */
        @Override
        public FeeQuote quote(Tenant tenant, QuoteBooking quote) {
            return new FeeQuote(quote.quoteCode(), Money.zero(quote.amount().currency()));
        }

        @Override
        public TransactionRequestCheck checkTransactionRequest(Tenant tenant, TransactionRequestBooking request) {
            accountHolder(tenant, request.accountId());
            return new TransactionRequestCheck(request.requestCode(), true);
        }

        /** Settlement bookings: a hold, then its withdrawal, then the deposit; each once per transfer code, as Fineract does. */
        @Override
        public BookingResult reserve(Tenant tenant, TransferBooking transfer) {
            if (transfer.accountId().equals(refused)) {
                throw new AccountSystemException(AccountSystemError.INSUFFICIENT_FUNDS, "insufficient account balance", null);
            }
            boolean done = has(transfer, Booking.Kind.HOLD);
            if (!done) {
                reserved.add(transfer.transferCode());
                hold(transfer.accountId(), transfer.transferCode(), transfer.amount().amount().toPlainString(), false);
            }
            return new BookingResult(transfer.transferCode(), null, done);
        }

        @Override
        public BookingResult commit(Tenant tenant, TransferBooking transfer) {
            if (transfer.accountId().equals(blocked)) {
                throw new AccountSystemException(AccountSystemError.ACCOUNT_NOT_FOUND, "the account is blocked", null);
            }
            boolean done = has(transfer, Booking.Kind.WITHDRAWAL);
            if (!done) {
                release(tenant, transfer); // Fineract's CREATE turns the hold into the withdrawal
                withdrawal(transfer.accountId(), transfer.transferCode(), transfer.amount().amount().toPlainString());
            }
            return new BookingResult(transfer.transferCode(), null, done);
        }

        private boolean has(TransferBooking transfer, Booking.Kind kind) {
            return bookings.getOrDefault(transfer.accountId(), List.of()).stream()
                    .anyMatch(b -> b.kind() == kind && transfer.transferCode().equals(b.receiptNumber()));
        }

        @Override
        public BookingResult release(Tenant tenant, TransferBooking transfer) {
            List<Booking> account = bookings.get(transfer.accountId());
            for (int i = 0; i < account.size(); i++) {
                Booking b = account.get(i);
                if (b.kind() == Booking.Kind.HOLD && !b.released() && transfer.transferCode().equals(b.receiptNumber())) {
                    account.set(i, new Booking(b.id(), b.kind(), b.amount(), b.currency(), b.date(), b.receiptNumber(), false, true));
                }
            }
            return new BookingResult(transfer.transferCode(), null, false);
        }

        @Override
        public BookingResult deposit(Tenant tenant, TransferBooking transfer) {
            boolean done = has(transfer, Booking.Kind.DEPOSIT);
            if (!done) {
                deposit(transfer.accountId(), transfer.transferCode(), transfer.amount().amount().toPlainString());
            }
            return new BookingResult(transfer.transferCode(), null, done);
        }

        @Override
        public void registerAlias(Tenant tenant, PartyId party, String accountId) {
            String holder = aliases.putIfAbsent(party, accountId);
            if (holder != null && !holder.equals(accountId)) {
                throw new AccountSystemException(AccountSystemError.DUPLICATE_IDENTIFIER, party + " belongs to " + holder, null);
            }
        }

        @Override
        public void removeAlias(Tenant tenant, PartyId party) {
            aliases.remove(party);
        }

        @Override
        public List<Booking> bookings(Tenant tenant, String accountId) {
            return List.copyOf(bookings.getOrDefault(accountId, List.of()));
        }
    }
}
