package io.paymenthub.connector.mojaloop.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.paymenthub.core.schema.SqlValues;

/**
 * FSPIOP's "idempotent services in server", kept in the database so that every hub node sees the
 * same history: a request (a quote, a transfer...) is recorded by tenant, resource and id with a
 * hash of its content, and later with the callback that answered it. A resend of the same content
 * gets that callback again (or nothing while it is being processed); other content under the same
 * id is error 3106.
 */
public class FspiopRequestJournal {

    /** What to do with a request, given what was received before under its id. */
    public enum Disposition { NEW, IN_PROGRESS, ANSWERED, MODIFIED }

    /**
     * The outcome of registering a request, with the recorded callback when it was answered.
     *
     * @param receipt    the receipt of the delivery that registered the request first
     * @param receivedAt when the request was registered first
     */
    public record Registration(Disposition disposition, String callbackMethod, String callbackPath, String callbackBody,
                               String receipt, Instant receivedAt) {
        static Registration of(Disposition disposition, String receipt, Instant receivedAt) {
            return new Registration(disposition, null, null, null, receipt, receivedAt);
        }

        /** True when this delivery is the one that registered the request: the same stored message again. */
        public boolean registeredBy(String deliveryReceipt) {
            return receipt != null && receipt.equals(deliveryReceipt);
        }
    }

    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final DataSource dataSource;
    private final Clock clock;

    public FspiopRequestJournal(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    FspiopRequestJournal(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @param receipt the receipt of this delivery ({@code fspiopReceipt}), or null */
    public Registration register(String tenant, String resource, String id, String hash, String version, String sourceFsp,
                                 String receipt) throws SQLException {
        // One round trip in the usual case (a request comes once); a repeat inserts nothing, and is then read.
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO fspiop_inbound_request (tenant, resource, resource_id, request_hash, api_version, source_fsp, "
                        + "received_at, receipt_id) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM fspiop_inbound_request "
                        + "WHERE tenant = ? AND resource = ? AND resource_id = ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, resource);
            insert.setString(3, id);
            insert.setString(4, hash);
            insert.setString(5, version);
            insert.setString(6, sourceFsp);
            // To the millisecond, as every database keeps it: a later read of the registration gives the same time.
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setString(8, receipt);
            insert.setString(9, tenant);
            insert.setString(10, resource);
            insert.setString(11, id);
            if (insert.executeUpdate() == 1) {
                return Registration.of(Disposition.NEW, receipt, now);
            }
        } catch (SQLException e) {
            if (!SqlValues.isConstraintViolation(e)) {
                throw e;
            }
            // Another node registered the same id between the check and the insert.
        }
        return find(tenant, resource, id, hash).orElseThrow(
                () -> new SQLException(resource + " " + id + " of tenant " + tenant + " was neither registered nor found"));
    }

    /** What was recorded under an id, whatever its content: for a GET of the resource. */
    public Optional<Registration> lookup(String tenant, String resource, String id) throws SQLException {
        return find(tenant, resource, id, null);
    }

    /**
     * The callback that answers a request of the switch ({@code resource} and {@code id}), to be
     * recorded for resends of it: by {@link #recordAnswer} as it goes out, or by a flow in the
     * transaction of its last write, so that the answer and what it says are one commit.
     */
    public record Answer(String tenant, String resource, String id, String method, String path, String body) {

        /** The {@code PUT} that answers a request. */
        public static Answer put(String tenant, String resource, String id, String path, String body) {
            return new Answer(tenant, resource, id, "PUT", path, body);
        }

        /** Records this answer on {@code connection}, in the caller's transaction. */
        public void recordIn(Connection connection, Instant answeredAt) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE fspiop_inbound_request SET callback_method = ?, callback_path = ?, callback_body = ?, answered_at = ? "
                            + "WHERE tenant = ? AND resource = ? AND resource_id = ?")) {
                update.setString(1, method);
                update.setString(2, path);
                update.setString(3, body);
                update.setTimestamp(4, Timestamp.from(answeredAt));
                update.setString(5, tenant);
                update.setString(6, resource);
                update.setString(7, id);
                if (update.executeUpdate() != 1) {
                    throw new SQLException("No request " + resource + " " + id + " of tenant " + tenant + " to record an answer for");
                }
            }
        }
    }

    /** Records the callback that answered a request, for resends of it. */
    public void recordAnswer(String tenant, String resource, String id, String method, String path, String body)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            new Answer(tenant, resource, id, method, path, body).recordIn(connection, clock.instant());
        }
    }

    private Optional<Registration> find(String tenant, String resource, String id, String hash) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT request_hash, callback_method, callback_path, callback_body, answered_at, receipt_id, received_at "
                        + "FROM fspiop_inbound_request "
                        + "WHERE tenant = ? AND resource = ? AND resource_id = ?")) {
            select.setString(1, tenant);
            select.setString(2, resource);
            select.setString(3, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant receivedAt = rs.getTimestamp(7).toInstant();
                if (hash != null && !rs.getString(1).equals(hash)) {
                    return Optional.of(Registration.of(Disposition.MODIFIED, rs.getString(6), receivedAt));
                }
                if (rs.getTimestamp(5) == null) {
                    return Optional.of(Registration.of(Disposition.IN_PROGRESS, rs.getString(6), receivedAt));
                }
                return Optional.of(new Registration(Disposition.ANSWERED, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(6), receivedAt));
            }
        }
    }

    /**
     * The hash of a JSON body's content: members in key order, so that the same request sent with
     * its members in another order is still the same request.
     */
    public static String hash(String json) {
        String canonical;
        try {
            canonical = CANONICAL.writeValueAsString(CANONICAL.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            canonical = json;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
