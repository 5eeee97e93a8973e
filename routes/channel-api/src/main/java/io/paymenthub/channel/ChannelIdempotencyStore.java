package io.paymenthub.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Channel idempotency keys, per tenant, in the hub's database (shared by every node): the first
 * request with a key is processed and its response recorded; a repeat with the same body gets
 * that response again; a repeat with another body, or for another operation, is refused (409).
 */
public class ChannelIdempotencyStore {

    /** What to do with a request, given what was received before under its key. */
    public sealed interface Outcome {
        /** First time: process it, then {@link #complete}. */
        record Process() implements Outcome {
        }

        /** Answered before: send this again. */
        record Replay(int status, String body) implements Outcome {
        }

        /** The same request is being processed right now. */
        record InProgress() implements Outcome {
        }
    }

    private static final int MAX_KEY_LENGTH = 128;
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final DataSource dataSource;
    private final Clock clock;

    public ChannelIdempotencyStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    ChannelIdempotencyStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @throws ChannelException 400 for a malformed key, 409 when the key was used for something else */
    public Outcome begin(String tenant, String key, String operation, String body) throws SQLException {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new ChannelException(400, "IDEMPOTENCY_KEY_INVALID", "An Idempotency-Key of 1 to " + MAX_KEY_LENGTH
                    + " characters is required");
        }
        String hash = hash(body);
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO channel_idempotency (tenant, idempotency_key, operation, request_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, key);
            insert.setString(3, operation);
            insert.setString(4, hash);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
            return new Outcome.Process();
        } catch (SQLException duplicate) {
            return earlier(tenant, key, operation, hash).orElseThrow(() -> duplicate);
        }
    }

    /** Records the response given to the request, for its repeats. */
    public void complete(String tenant, String key, int status, String body) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE channel_idempotency SET response_status = ?, response_body = ? WHERE tenant = ? AND idempotency_key = ?")) {
            update.setInt(1, status);
            update.setString(2, body);
            update.setString(3, tenant);
            update.setString(4, key);
            update.executeUpdate();
        }
    }

    /** Forgets a request that failed before it was answered, so that its repeat is processed. */
    public void abandon(String tenant, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM channel_idempotency WHERE tenant = ? AND idempotency_key = ? AND response_status IS NULL")) {
            delete.setString(1, tenant);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }

    private Optional<Outcome> earlier(String tenant, String key, String operation, String hash) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT operation, request_hash, response_status, response_body FROM channel_idempotency "
                        + "WHERE tenant = ? AND idempotency_key = ?")) {
            select.setString(1, tenant);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getString(1).equals(operation) || !rs.getString(2).equals(hash)) {
                    throw new ChannelException(409, "IDEMPOTENCY_CONFLICT",
                            "Idempotency-Key " + key + " was used before for another request");
                }
                int status = rs.getInt(3);
                return Optional.of(rs.wasNull() ? new Outcome.InProgress() : new Outcome.Replay(status, rs.getString(4)));
            }
        }
    }

    /** The hash of a JSON body's content, members in key order; other text as it is. */
    static String hash(String body) {
        String canonical = body == null ? "" : body;
        try {
            canonical = CANONICAL.writeValueAsString(CANONICAL.readValue(canonical, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Not JSON: compared as sent.
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
