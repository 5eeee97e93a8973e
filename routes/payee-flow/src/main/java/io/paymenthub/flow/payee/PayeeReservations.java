package io.paymenthub.flow.payee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.account.TransferBooking;

/**
 * Transfers a payee tenant answered RESERVED, kept in the hub's database until the switch's
 * {@code PATCH} says how they ended: the credit they will get is recorded at reservation, so any
 * node can complete it.
 */
public class PayeeReservations {

    /** A reserved transfer: what to credit, and where it stands (RESERVED, COMMITTED, ABORTED). */
    public record Reservation(TransferBooking credit, String state) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public PayeeReservations(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    PayeeReservations(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records the reservation; a repeat of the same transfer keeps the first one. */
    public void reserve(String tenant, TransferBooking credit) throws SQLException {
        if (find(tenant, credit.transferCode()).isPresent()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_payee_reservation (tenant, transfer_id, transaction_code, account_id, amount, currency, scenario, "
                        + "initiator, initiator_type, state, reserved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RESERVED', ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, credit.transferCode());
            insert.setString(3, credit.transactionCode());
            insert.setString(4, credit.accountId());
            insert.setBigDecimal(5, credit.amount().amount());
            insert.setString(6, credit.amount().currency());
            insert.setString(7, credit.transactionType().scenario());
            insert.setString(8, credit.transactionType().initiator());
            insert.setString(9, credit.transactionType().initiatorType());
            insert.setTimestamp(10, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }

    public Optional<Reservation> find(String tenant, String transferId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT transaction_code, account_id, amount, currency, scenario, initiator, initiator_type, state "
                        + "FROM hub_payee_reservation WHERE tenant = ? AND transfer_id = ?")) {
            select.setString(1, tenant);
            select.setString(2, transferId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                TransferBooking credit = new TransferBooking(rs.getString(1), transferId, rs.getString(2),
                        new Money(rs.getBigDecimal(3), rs.getString(4).trim()), null, null, Role.PAYEE,
                        new TransactionType(rs.getString(5), rs.getString(6), rs.getString(7)), null);
                return Optional.of(new Reservation(credit, rs.getString(8)));
            }
        }
    }

    /** Records how the transfer ended (COMMITTED once credited, or ABORTED). */
    public void complete(String tenant, String transferId, String state) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE hub_payee_reservation SET state = ?, completed_at = ? WHERE tenant = ? AND transfer_id = ?")) {
            update.setString(1, state);
            update.setTimestamp(2, Timestamp.from(clock.instant()));
            update.setString(3, tenant);
            update.setString(4, transferId);
            update.executeUpdate();
        }
    }
}
