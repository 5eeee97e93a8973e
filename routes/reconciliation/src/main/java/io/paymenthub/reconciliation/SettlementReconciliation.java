package io.paymenthub.reconciliation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.settlement.SettlementWindow;
import io.paymenthub.core.settlement.SwitchSettlements;
import io.paymenthub.core.settlement.WindowPosition;
import io.paymenthub.core.tenant.Tenant;

/**
 * The switch's side of a reconciliation run: each settlement window the switch closed in the
 * tenant's business day, its net settlement amount per currency against what the hub's journal
 * makes of the window's transfers ({@link BreakClass#NET_POSITION_MISMATCH} when they differ), and,
 * when the tenant books settlements, the settled net booked once per window in core banking as a
 * transfer between its settlement and position accounts.
 */
public class SettlementReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementReconciliation.class);

    private final List<SwitchSettlements> switchSide;
    private final AccountSystemDirectory accountSystems;
    private final ReconciliationStore journal;
    private final SettlementWindowStore windows;
    private final Clock clock;

    /**
     * @param switchSide the switch's settlement API as the Mojaloop connector publishes it (a live
     *                   list: empty while the connector is not running)
     */
    public SettlementReconciliation(List<SwitchSettlements> switchSide, AccountSystemDirectory accountSystems, ReconciliationStore journal,
                                    SettlementWindowStore windows, Clock clock) {
        this.switchSide = switchSide;
        this.accountSystems = accountSystems;
        this.journal = journal;
        this.windows = windows;
        this.clock = clock;
    }

    public SettlementWindowStore windows() {
        return windows;
    }

    /** The code a window's net is booked under in core banking: the same on every node and every run. */
    static String transferCode(String tenant, long windowId, String currency) {
        return UUID.nameUUIDFromBytes(("settlement/" + tenant + "/" + windowId + "/" + currency).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Compares (and books) the windows the switch closed between {@code from} and {@code to};
     * nothing when the tenant has no {@code settlement.participantId}.
     */
    public List<ReconciliationSummary.WindowTotals> reconcile(Tenant tenant, String runId, Instant from, Instant to,
                                                              Consumer<ReconciliationBreak> breaks) throws SQLException {
        Tenant.SettlementSettings settings = tenant.settings().reconciliation().settlement();
        List<ReconciliationSummary.WindowTotals> found = new ArrayList<>();
        if (!settings.compared()) {
            return found;
        }
        SwitchSettlements api = switchSide.stream().findFirst().orElseThrow(() -> new IllegalStateException("Tenant " + tenant.name()
                + " compares the switch's settlement windows (settlement.participantId), and the Mojaloop connector is not running"));
        for (SettlementWindow window : api.closedWindows(settings.participantId(), from, to)) {
            List<WindowPosition> positions = api.positions(settings.participantId(), window.id());
            Map<String, BigDecimal> hubNet = hubNet(tenant, window);
            Map<String, WindowPosition> byCurrency = new TreeMap<>();
            positions.forEach(p -> byCurrency.put(p.currency(), p));
            java.util.Set<String> currencies = new java.util.TreeSet<>(hubNet.keySet());
            currencies.addAll(byCurrency.keySet());
            Optional<WindowPosition> anySettlement = positions.stream().findFirst();
            for (String currency : currencies) {
                WindowPosition position = byCurrency.get(currency);
                // A settlement without this currency settles none of it.
                BigDecimal switchNet = position != null ? position.netAmount() : anySettlement.isPresent() ? BigDecimal.ZERO : null;
                BigDecimal hub = hubNet.getOrDefault(currency, BigDecimal.ZERO);
                SettlementWindowStore.RecordedWindow recorded = new SettlementWindowStore.RecordedWindow(tenant.name(), window.id(),
                        currency, window.state(), window.openedAt(), window.closedAt(),
                        anySettlement.map(WindowPosition::settlementId).orElse(null),
                        position != null ? position.settlementState() : anySettlement.map(WindowPosition::settlementState).orElse(null),
                        switchNet, hub, transferCode(tenant.name(), window.id(), currency), clock.instant(), null, null);
                windows.record(recorded);
                if (!recorded.agrees()) {
                    breaks.accept(new ReconciliationBreak(BreakClass.NET_POSITION_MISMATCH, "window " + window.id(), null, hub, switchNet,
                            currency, "Settlement window " + window.id() + " (" + window.openedAt() + " to " + window.closedAt()
                                    + "): the switch settles " + plain(switchNet) + ", the hub's transfers come to " + plain(hub)
                                    + " (positive: " + tenant.name() + " pays)"));
                }
                boolean booked = windows.find(tenant.name(), window.id(), currency).map(w -> w.bookedAt() != null).orElse(false);
                if (!booked && settings.booked() && position != null && position.settled()) {
                    booked = book(tenant, runId, settings, recorded, breaks);
                }
                found.add(new ReconciliationSummary.WindowTotals(window.id(), currency, window.state(), recorded.settlementState(),
                        switchNet, hub, booked));
            }
        }
        return found;
    }

    /** The journal's net of the window's transfers through the switch, per currency, with the switch's sign. */
    private Map<String, BigDecimal> hubNet(Tenant tenant, SettlementWindow window) throws SQLException {
        Map<String, BigDecimal> net = new TreeMap<>();
        journal.summarise(tenant.name(), tenant.fspId(), window.openedAt(), window.closedAt(), Map.of()).currencies()
                .forEach((currency, totals) -> {
                    if (totals.outCount() > 0 || totals.inCount() > 0) {
                        net.put(currency, totals.netPosition().negate());
                    }
                });
        return net;
    }

    /**
     * Books the settled net between the settlement and the position account: from the settlement
     * account when the tenant pays, to it when it is paid. Every call carries the window's code, so a
     * run that books again after a crash is replayed by core banking, never booked twice.
     */
    private boolean book(Tenant tenant, String runId, Tenant.SettlementSettings settings, SettlementWindowStore.RecordedWindow window,
                         Consumer<ReconciliationBreak> breaks) throws SQLException {
        BigDecimal net = window.switchNet();
        String from = net.signum() > 0 ? settings.settlementAccount() : settings.positionAccount();
        String to = net.signum() > 0 ? settings.positionAccount() : settings.settlementAccount();
        Money amount = new Money(net.abs(), window.currency());
        String note = "Settlement window " + window.windowId() + " of " + tenant.fspId();
        try {
            if (net.signum() != 0) {
                AccountSystem system = accountSystems.forTenant(tenant);
                String code = window.transferCode();
                TransferBooking debit = new TransferBooking(code, code, from, amount, null, null, Role.PAYER, null, note);
                system.reserve(tenant, debit);
                commitOrRelease(system, tenant, debit);
                system.deposit(tenant, new TransferBooking(code, code, to, amount, null, null, Role.PAYEE, null, note));
            }
        } catch (AccountSystemException e) {
            LOG.warn("Settlement window {} of {}: {} {} not booked from {} to {}: {}", window.windowId(), tenant.name(), plain(net.abs()),
                    window.currency(), from, to, e.getMessage());
            breaks.accept(new ReconciliationBreak(BreakClass.SETTLEMENT_NOT_BOOKED, "window " + window.windowId(), from, net, null,
                    window.currency(), "Booking " + plain(net.abs()) + " from " + from + " to " + to + " failed: " + e.getMessage()));
            return false;
        }
        windows.booked(tenant.name(), window.windowId(), window.currency(), clock.instant(), runId);
        LOG.info("Settlement window {} of {}: {} {} booked from {} to {} ({})", window.windowId(), tenant.name(), plain(net.abs()),
                window.currency(), from, to, window.transferCode());
        return true;
    }

    /**
     * Debits the held net. When core banking refuses the debit for good, the hold is released rather
     * than left open; a debit that got no answer keeps its hold for the next run to commit.
     */
    private static void commitOrRelease(AccountSystem system, Tenant tenant, TransferBooking debit) {
        try {
            system.commit(tenant, debit);
        } catch (AccountSystemException refused) {
            if (!refused.error().isTransient()) {
                try {
                    system.release(tenant, debit);
                } catch (AccountSystemException notReleased) {
                    refused.addSuppressed(notReleased);
                    LOG.error("Settlement hold {} on {} could not be released: {}", debit.transferCode(), debit.accountId(),
                            notReleased.getMessage());
                }
            }
            throw refused;
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "nothing" : amount.stripTrailingZeros().toPlainString();
    }
}
