package io.paymenthub.connector.mojaloop.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.paymenthub.core.step.Emit;

/**
 * Correlates the switch's callbacks with what waits for them, in the database, so that whichever
 * hub node receives a callback hands it to the right place: before a request goes out, the
 * reply queue and a correlation reference are recorded under the key its callback will carry in
 * its path (a party's {@code Type/ID}, a quote's or transfer's id).
 */
public class FspiopCallbackRegistry {

    /** Where a callback goes, the reference the waiting flow gave, and the JMS priority its request went with. */
    public record Waiting(String replyQueue, String correlationRef, int priority) {
    }

    /** The member that identifies a request of each resource, as the FSPIOP specification names it. */
    static final Map<String, String> ID_MEMBER = Map.of(
            "quotes", "quoteId", "transfers", "transferId", "transactionRequests", "transactionRequestId",
            "bulkQuotes", "bulkQuoteId", "bulkTransfers", "bulkTransferId", "participants", "requestId");

    private final DataSource dataSource;
    private final Clock clock;

    public FspiopCallbackRegistry(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    FspiopCallbackRegistry(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records (or replaces, for a request sent again) where the callback of a request goes, at the default priority. */
    public void expect(String tenant, String resource, String key, String replyQueue, String correlationRef) throws SQLException {
        expect(tenant, resource, key, replyQueue, correlationRef, Emit.NORMAL_PRIORITY);
    }

    /** Records (or replaces) where the callback of a request goes, and at which JMS priority: its request's. */
    public void expect(String tenant, String resource, String key, String replyQueue, String correlationRef, int priority)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE fspiop_pending_callback SET reply_queue = ?, "
                    + "correlation_ref = ?, reply_priority = ?, sent_at = ?, answered_at = NULL "
                    + "WHERE tenant = ? AND resource = ? AND callback_key = ?")) {
                update.setString(1, replyQueue);
                update.setString(2, correlationRef);
                update.setInt(3, priority);
                update.setTimestamp(4, Timestamp.from(clock.instant()));
                update.setString(5, tenant);
                update.setString(6, resource);
                update.setString(7, key);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fspiop_pending_callback (tenant, resource, "
                    + "callback_key, reply_queue, correlation_ref, reply_priority, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, tenant);
                insert.setString(2, resource);
                insert.setString(3, key);
                insert.setString(4, replyQueue);
                insert.setString(5, correlationRef);
                insert.setInt(6, priority);
                insert.setTimestamp(7, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
        }
    }

    /**
     * Where the callback with this key goes, if anything waits for it; marks it answered. A later
     * callback with the same key (a transfer's PATCH after its PUT) still finds it.
     */
    public Optional<Waiting> answered(String tenant, String resource, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Waiting waiting;
            try (PreparedStatement select = connection.prepareStatement("SELECT reply_queue, correlation_ref, reply_priority FROM "
                    + "fspiop_pending_callback WHERE tenant = ? AND resource = ? AND callback_key = ?")) {
                select.setString(1, tenant);
                select.setString(2, resource);
                select.setString(3, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    int priority = rs.getInt(3);
                    waiting = new Waiting(rs.getString(1), rs.getString(2), rs.wasNull() ? Emit.NORMAL_PRIORITY : priority);
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE fspiop_pending_callback SET answered_at = ? "
                    + "WHERE tenant = ? AND resource = ? AND callback_key = ?")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setString(2, tenant);
                update.setString(3, resource);
                update.setString(4, key);
                update.executeUpdate();
            }
            return Optional.of(waiting);
        }
    }

    /** The key a request's callback will carry: the id in its body, or its path after the resource. */
    public static String keyOfRequest(String resource, String path, JsonNode body) {
        String member = ID_MEMBER.get(resource);
        if (body != null && member != null && body.path(member).isTextual()) {
            return body.get(member).asText();
        }
        return String.join("/", segmentsAfterResource(path));
    }

    /** The key a callback carries: its path after the resource, without a trailing {@code error}. */
    public static String keyOfCallback(String path) {
        List<String> segments = segmentsAfterResource(path);
        if (!segments.isEmpty() && "error".equals(segments.get(segments.size() - 1))) {
            segments = segments.subList(0, segments.size() - 1);
        }
        return String.join("/", segments);
    }

    private static List<String> segmentsAfterResource(String path) {
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        segments.removeIf(String::isEmpty);
        return segments.isEmpty() ? segments : new ArrayList<>(segments.subList(1, segments.size()));
    }
}
