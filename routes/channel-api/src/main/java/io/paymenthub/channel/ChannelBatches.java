package io.paymenthub.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.flow.bulk.BatchJson;
import io.paymenthub.flow.bulk.BatchReport;
import io.paymenthub.flow.bulk.BulkBatch;
import io.paymenthub.flow.bulk.BulkBatchStore;
import io.paymenthub.flow.bulk.BulkBatches;
import io.paymenthub.flow.bulk.BulkItem;
import io.paymenthub.flow.bulk.ItemState;

/**
 * The channel API's bulk operations, the same over REST and JMS: submit a batch (CSV or JSON), read
 * it, its rows by state, and its CSV report. A tenant only ever sees its own batches.
 */
public class ChannelBatches {

    /** Opens the request's body again from its start: a batch is read twice, once to fingerprint it, once to record it. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBatches.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CREATE_OPERATION = "createBatch";
    static final int MAX_PAGE = 1000;

    private final BulkBatches batches;
    private final ChannelIdempotencyStore idempotency;

    public ChannelBatches(BulkBatches batches, ChannelIdempotencyStore idempotency) {
        this.batches = batches;
        this.idempotency = idempotency;
    }

    /**
     * Submits a batch once per idempotency key (a repeat with the same file gets the first answer,
     * with another 409). 202 with the batch when it is accepted, with the first invalid rows listed;
     * 422 with them when the tenant refuses batches with invalid rows; 409 for a client reference
     * used before.
     *
     * @param contentType the body's media type: {@code text/csv} or {@code application/json}
     * @param params      the payer and client reference of a CSV batch
     */
    public ChannelResponse create(Tenant tenant, String idempotencyKey, String contentType, Map<String, String> params, Body body)
            throws SQLException {
        String format = format(contentType);
        String fingerprint = fingerprint(format, params, body);
        return IdempotentCreate.run(idempotency, tenant, idempotencyKey, CREATE_OPERATION, fingerprint, () -> {
            BatchReader.Opened opened;
            BulkBatches.Submitted submitted;
            try (InputStream in = body.open()) {
                opened = BatchReader.open(tenant, format, in, params);
                submitted = batches.submit(tenant, opened.order(), opened.rows());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (BulkBatchStore.BatchTooLargeException e) {
                throw new ChannelException(413, "BATCH_TOO_LARGE", e.getMessage() + "; split it into several batches");
            }
            if (submitted.submission() instanceof BulkBatchStore.Submission.Accepted accepted) {
                ObjectNode json = BatchJson.of(accepted.batch());
                if (!accepted.invalidRows().isEmpty()) {
                    json.set("invalidRows", BatchJson.of(accepted.invalidRows()));
                }
                return new ChannelResponse(202, json.toString(), submitted.emits());
            }
            if (submitted.submission() instanceof BulkBatchStore.Submission.Refused refused) {
                LOG.info("Batch of {} refused: {} of {} rows invalid", tenant.name(), refused.invalid(), refused.rows());
                ObjectNode json = JSON.createObjectNode();
                ObjectNode error = json.putObject("error");
                error.put("code", "INVALID_ROWS");
                error.put("message", refused.invalid() + " of " + refused.rows() + " rows are invalid and this tenant refuses such "
                        + "batches whole: nothing is paid; correct them and submit the batch again");
                json.put("rows", refused.rows());
                json.put("invalid", refused.invalid());
                json.set("invalidRows", BatchJson.of(refused.invalidRows()));
                return ChannelResponse.of(422, json.toString());
            }
            if (submitted.submission() instanceof BulkBatchStore.Submission.NotPayable notPayable) {
                LOG.info("Batch of {} refused: {}", tenant.name(), notPayable.reason());
                return ChannelResponse.error(new ChannelException(422, "NOT_PAYABLE", "The batch cannot be paid: " + notPayable.reason()
                        + "; nothing is paid"));
            }
            BulkBatchStore.Submission.ClientRefTaken taken = (BulkBatchStore.Submission.ClientRefTaken) submitted.submission();
            return ChannelResponse.error(new ChannelException(409, "CLIENT_REF_CONFLICT", "clientRef " + params.get("clientRef")
                    + " belongs to batch " + taken.batchId()));
        });
    }

    /**
     * The approver's decision on a batch AWAITING_APPROVAL: {@code {"approve":true}}, or false with
     * an optional {@code "reason"}. 200 with the batch; 409 when it is not waiting for approval.
     */
    public ChannelResponse decide(Tenant tenant, String batchId, String body) throws SQLException {
        JsonNode json = ChannelBodies.json(body);
        boolean approve = ChannelBodies.decision(json, "approve", "{\"approve\":true} or {\"approve\":false,\"reason\":\"...\"}");
        JsonNode reasonNode = json.path("reason");
        if (!(reasonNode.isMissingNode() || reasonNode.isNull() || reasonNode.isTextual()) || reasonNode.asText("").length() > 200) {
            throw new ChannelException(400, "VALIDATION", "reason must be a text of at most 200 characters");
        }
        String reason = reasonNode.isTextual() ? reasonNode.asText() : null;
        batch(tenant, batchId);
        BulkBatches.Decided decided = batches.decide(tenant, batchId, approve,
                tenant.settings().bulk().approver().clientId(), reason);
        if (!decided.decided()) {
            throw new ChannelException(409, "NOT_AWAITING_APPROVAL", "Batch " + batchId + " is " + decided.batch().state()
                    + ", not AWAITING_APPROVAL");
        }
        return new ChannelResponse(200, BatchJson.of(decided.batch()).toString(), decided.emits());
    }

    public ChannelResponse get(Tenant tenant, String batchId) throws SQLException {
        return ChannelResponse.of(200, BatchJson.of(batch(tenant, batchId)).toString());
    }

    public ChannelResponse findByClientRef(Tenant tenant, String clientRef) throws SQLException {
        if (clientRef == null || clientRef.isBlank()) {
            throw new ChannelException(400, "VALIDATION", "Give a batch id in the path or a clientRef query parameter");
        }
        return batches.store().findByClientRef(tenant.name(), clientRef).map(b -> ChannelResponse.of(200, BatchJson.of(b).toString()))
                .orElseThrow(() -> notFound("No batch with clientRef " + clientRef));
    }

    /** A page of the batch's rows in line order: {@code state} filters, {@code after} is the last line of the previous page. */
    public ChannelResponse items(Tenant tenant, String batchId, String state, String after, String limit) throws SQLException {
        BulkBatch batch = batch(tenant, batchId);
        ItemState filter = null;
        if (state != null && !state.isBlank()) {
            try {
                filter = ItemState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ChannelException(400, "VALIDATION", "state must be one of " + List.of(ItemState.values()));
            }
        }
        int afterLine = number(after, "after", 0, Integer.MAX_VALUE, 0);
        int pageSize = number(limit, "limit", 1, MAX_PAGE, 100);
        List<BulkItem> page = batches.store().items(batch.batchId(), filter, afterLine, pageSize);
        ObjectNode json = JSON.createObjectNode();
        json.put("batchId", batch.batchId());
        json.set("items", BatchJson.of(page));
        if (page.size() == pageSize) {
            json.put("next", page.get(page.size() - 1).line());
        }
        return ChannelResponse.of(200, json.toString());
    }

    /** Every row of the batch, one CSV line each (see {@link BatchJson#REPORT_HEADER}), read from the journal as it is sent. */
    public ChannelResponse report(Tenant tenant, String batchId) throws SQLException {
        BulkBatch batch = batch(tenant, batchId);
        return ChannelResponse.streamed(200, "text/csv", BatchReport.of(batches.store(), batch.batchId()));
    }

    private BulkBatch batch(Tenant tenant, String batchId) throws SQLException {
        return batches.store().find(tenant.name(), batchId == null ? "" : batchId)
                .orElseThrow(() -> notFound("Batch " + batchId));
    }

    private static String format(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv")) {
            return "csv";
        }
        if (type.startsWith("application/json")) {
            return "json";
        }
        throw new ChannelException(415, "UNSUPPORTED_MEDIA_TYPE", "A batch is text/csv or application/json");
    }

    /** The request as its idempotency key remembers it: the format, the parameters and a SHA-256 of the body, read as a stream. */
    private static String fingerprint(String format, Map<String, String> params, Body body) {
        try (DigestInputStream in = new DigestInputStream(body.open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String digest = HexFormat.of().formatHex(in.getMessageDigest().digest());
            return format + " " + new TreeMap<>(params) + " " + digest;
        } catch (IOException e) {
            throw new ChannelException(400, "UNREADABLE_BODY", "The body could not be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int number(String text, String name, int min, int max, int defaultValue) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ChannelException(400, "VALIDATION", name + " must be a whole number from " + min + " to " + max);
    }

    private static ChannelException notFound(String what) {
        return new ChannelException(404, "BATCH_NOT_FOUND", what + " is not a batch of this tenant");
    }
}
