package io.paymenthub.reconciliation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.paymenthub.core.schema.SqlValues;

/** The switch's settlement windows of each tenant as runs found them, and their bookings ({@code hub_settlement_window}). */
public class SettlementWindowStore {

    private static final String COLUMNS = "tenant, window_id, currency, window_state, opened_at, closed_at, settlement_id, "
            + "settlement_state, switch_net, hub_net, transfer_code, recorded_at, booked_at, booked_by";

    private final DataSource dataSource;

    public SettlementWindowStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records what the switch and the journal say of the window now; a booking made earlier stays
     * as it is.
     */
    public void record(RecordedWindow window) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE hub_settlement_window SET window_state = ?, "
                    + "opened_at = ?, closed_at = ?, settlement_id = ?, settlement_state = ?, switch_net = ?, hub_net = ?, recorded_at = ? "
                    + "WHERE tenant = ? AND window_id = ? AND currency = ?")) {
                bind(update, window.windowState(), window.openedAt(), window.closedAt(), window.settlementId(), window.settlementState(),
                        window.switchNet(), window.hubNet(), window.recordedAt(), window.tenant(), window.windowId(), window.currency());
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_settlement_window (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, window.tenant(), window.windowId(), window.currency(), window.windowState(), window.openedAt(),
                        window.closedAt(), window.settlementId(), window.settlementState(), window.switchNet(), window.hubNet(),
                        window.transferCode(), window.recordedAt(), null, null);
                insert.executeUpdate();
            }
        }
    }

    /** Marks the window's net booked in core banking, by the run that booked it. */
    public void booked(String tenant, long windowId, String currency, Instant at, String runId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE hub_settlement_window SET booked_at = ?, booked_by = ? WHERE tenant = ? AND window_id = ? AND currency = ? "
                        + "AND booked_at IS NULL")) {
            bind(update, at, runId, tenant, windowId, currency);
            update.executeUpdate();
        }
    }

    public Optional<RecordedWindow> find(String tenant, long windowId, String currency) throws SQLException {
        List<RecordedWindow> found = select("WHERE tenant = ? AND window_id = ? AND currency = ?", 1, tenant, windowId, currency);
        return found.stream().findFirst();
    }

    /** The tenant's windows, the latest closed first. */
    public List<RecordedWindow> windows(String tenant, int limit) throws SQLException {
        return select("WHERE tenant = ? ORDER BY closed_at DESC, window_id DESC, currency", limit, tenant);
    }

    private List<RecordedWindow> select(String where, int limit, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM hub_settlement_window " + where)) {
            bind(select, parameters);
            select.setMaxRows(limit);
            List<RecordedWindow> windows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long number = rs.getLong("settlement_id");
                    Long settlementId = rs.wasNull() ? null : number;
                    windows.add(new RecordedWindow(rs.getString("tenant"), rs.getLong("window_id"), rs.getString("currency"),
                            rs.getString("window_state"), SqlValues.instant(rs, "opened_at"), SqlValues.instant(rs, "closed_at"),
                            settlementId, rs.getString("settlement_state"), SqlValues.decimal(rs, "switch_net"),
                            SqlValues.decimal(rs, "hub_net"), rs.getString("transfer_code"), SqlValues.instant(rs, "recorded_at"),
                            SqlValues.instant(rs, "booked_at"), rs.getString("booked_by")));
                }
            }
            return windows;
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            SqlValues.bind(statement, i + 1, values[i]);
        }
    }

    /**
     * A window of the switch in one currency.
     *
     * @param switchNet    the switch's net settlement amount (positive: the tenant pays); null while not settled
     * @param hubNet       what the hub's journal makes of the window's transfers, with the same sign
     * @param transferCode the code the window's net is booked under in core banking
     */
    public record RecordedWindow(String tenant, long windowId, String currency, String windowState, Instant openedAt, Instant closedAt,
                                 Long settlementId, String settlementState, BigDecimal switchNet, BigDecimal hubNet,
                                 String transferCode, Instant recordedAt, Instant bookedAt, String bookedBy) {

        public boolean agrees() {
            return switchNet == null || switchNet.compareTo(hubNet) == 0;
        }
    }
}
