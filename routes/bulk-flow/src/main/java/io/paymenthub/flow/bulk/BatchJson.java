package io.paymenthub.flow.bulk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.fspiop.FspiopAmount;
import io.paymenthub.flow.payer.TransferJson;

/** A batch and its rows as channels see them (the channel API's answers, the notifications, the CSV report). */
public final class BatchJson {

    /** The columns of a batch's CSV report, one line per row of the file. */
    public static final String REPORT_HEADER = "line,id,payee_identifier_type,payee_identifier,amount,currency,fee,state,error_code,"
            + "error_reason,transfer_id,completed_at";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchJson() {
    }

    public static ObjectNode of(BulkBatch b) {
        ObjectNode json = JSON.createObjectNode();
        json.put("batchId", b.batchId());
        if (b.clientRef() != null) {
            json.put("clientRef", b.clientRef());
        }
        json.put("state", b.state().name());
        json.set("payer", TransferJson.party(b.payer()));
        json.put("rows", b.rows());
        ObjectNode counts = json.putObject("counts");
        counts.put("INVALID", b.invalid());
        counts.put("PENDING", b.pending());
        counts.put("SUBMITTED", b.inFlight());
        counts.put("COMPLETED", b.completed());
        counts.put("FAILED", b.failed());
        counts.put("UNKNOWN", b.unknown());
        if (b.currency() != null) {
            ObjectNode amounts = json.putObject("amounts");
            amounts.put("currency", b.currency());
            amounts.put("total", plain(b.total()));
            amounts.put("completed", plain(b.completedAmount()));
            amounts.put("failed", plain(b.failedAmount()));
            amounts.put("unknown", plain(b.unknownAmount()));
            amounts.put("fees", plain(b.fees()));
        }
        json.put("progressPercent", b.progressPercent().toPlainString());
        json.put("createdAt", b.createdAt().toString());
        if (b.startedAt() != null) {
            json.put("startedAt", b.startedAt().toString());
            Instant until = b.completedAt() != null ? b.completedAt() : b.updatedAt();
            long millis = Duration.between(b.startedAt(), until).toMillis();
            if (millis > 0 && b.finished() > 0) {
                json.put("itemsPerSecond", BigDecimal.valueOf(b.finished() * 1000L).divide(BigDecimal.valueOf(millis), 2, RoundingMode.HALF_UP)
                        .toPlainString());
            }
        }
        if (b.completedAt() != null) {
            json.put("completedAt", b.completedAt().toString());
        }
        return json;
    }

    public static ObjectNode of(BulkItem item) {
        ObjectNode json = JSON.createObjectNode();
        json.put("line", item.line());
        json.put("id", item.rowId());
        if (item.payeeIdType() != null || item.payeeIdValue() != null) {
            ObjectNode payee = json.putObject("payee");
            payee.put("idType", item.payeeIdType());
            payee.put("idValue", item.payeeIdValue());
        }
        if (item.amount() != null) {
            json.set("amount", TransferJson.money(item.amount(), item.currency()));
        }
        if (item.note() != null) {
            json.put("note", item.note());
        }
        json.put("state", item.state().name());
        if (item.state() != ItemState.INVALID) {
            json.put("transferId", item.transferId());
        }
        if (item.fee() != null) {
            json.set("fee", TransferJson.money(item.fee(), item.currency()));
        }
        if (item.failureCode() != null || item.failureReason() != null) {
            ObjectNode failure = json.putObject("failure");
            failure.put("code", item.failureCode());
            failure.put("reason", item.failureReason());
        }
        if (isFinal(item.state())) {
            json.put("completedAt", item.updatedAt().toString());
        }
        return json;
    }

    public static ArrayNode of(List<BulkItem> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(item -> array.add(of(item)));
        return array;
    }

    /** One line of the CSV report, with its line break. */
    public static String reportLine(BulkItem item) {
        return String.join(",", String.valueOf(item.line()), csv(item.rowId()), csv(item.payeeIdType()), csv(item.payeeIdValue()),
                item.amount() == null ? "" : plain(item.amount()), csv(item.currency()), item.fee() == null ? "" : plain(item.fee()),
                item.state().name(), csv(item.failureCode()), csv(item.failureReason()),
                item.state() == ItemState.INVALID ? "" : item.transferId(), isFinal(item.state()) ? item.updatedAt().toString() : "")
                + "\r\n";
    }

    private static boolean isFinal(ItemState state) {
        return state == ItemState.COMPLETED || state == ItemState.FAILED || state == ItemState.INVALID;
    }

    private static String plain(BigDecimal amount) {
        return FspiopAmount.normalise(amount);
    }

    /** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180); a leading formula sign is neutralised. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
