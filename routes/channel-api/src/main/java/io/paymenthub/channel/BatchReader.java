package io.paymenthub.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.flow.bulk.BatchOrder;
import io.paymenthub.flow.bulk.BatchRow;

/**
 * Reads an uploaded batch one row at a time, CSV or JSON, so that a file of any length is read in
 * bounded memory. What makes the whole file unreadable (no header, a wrong column, broken JSON) is a
 * 400; what is wrong with one row goes with that row, for the batch's report.
 *
 * <p>CSV: a header row, then one payment per row. Columns {@code id}, {@code payee_identifier_type},
 * {@code payee_identifier}, {@code amount}, {@code currency}, optional {@code note}; the columns
 * {@code request_id}, {@code payment_mode}, {@code payer_identifier_type} and {@code payer_identifier}
 * of Mifos Payment Hub EE's bulk files are accepted (a row whose payer is not the batch's is invalid).
 * The payer and client reference come with the request (query parameters {@code payerIdType},
 * {@code payerIdValue}, {@code clientRef}).
 *
 * <p>JSON: {@code {"payer":{...},"clientRef":"...","rows":[{"id":"1","payee":{"idType":"MSISDN","idValue":"..."},
 * "amount":{"amount":"10.50","currency":"USD"},"note":"..."}]}}, {@code rows} last.
 */
final class BatchReader {

    /** A readable batch: whose money, and its rows, read as they are iterated. */
    record Opened(BatchOrder order, Iterator<BatchRow> rows) {
    }

    static final String ID = "id";
    static final String PAYEE_TYPE = "payee_identifier_type";
    static final String PAYEE_VALUE = "payee_identifier";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    static final String NOTE = "note";
    static final String PAYER_TYPE = "payer_identifier_type";
    static final String PAYER_VALUE = "payer_identifier";
    private static final List<String> REQUIRED = List.of(ID, PAYEE_TYPE, PAYEE_VALUE, AMOUNT, CURRENCY);
    private static final Set<String> KNOWN = Set.of(ID, PAYEE_TYPE, PAYEE_VALUE, AMOUNT, CURRENCY, NOTE, PAYER_TYPE, PAYER_VALUE,
            "request_id", "payment_mode");
    private static final Set<String> JSON_MEMBERS = Set.of("payer", "clientRef", "rows");
    private static final int MAX_ID = 64;
    private static final int MAX_TEXT = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    private BatchReader() {
    }

    /**
     * @param format "csv" or "json"
     * @param params the request's payer and client reference ({@code payerIdType}, {@code payerIdValue}, {@code clientRef}); CSV only
     */
    static Opened open(Tenant tenant, String format, InputStream body, Map<String, String> params) {
        try {
            return "csv".equals(format) ? csv(tenant, body, params) : json(tenant, body);
        } catch (IOException e) {
            throw unreadable(format, e);
        }
    }

    private static Opened csv(Tenant tenant, InputStream body, Map<String, String> params) throws IOException {
        MappingIterator<List<String>> lines = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(new InputStreamReader(body, StandardCharsets.UTF_8));
        if (!lines.hasNext()) {
            throw new ChannelException(400, "EMPTY_BATCH", "The file is empty: it needs a header row and at least one row");
        }
        List<String> header = lines.next().stream().map(h -> h.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_')).toList();
        List<String> problems = new ArrayList<>();
        for (String column : header) {
            if (!KNOWN.contains(column)) {
                problems.add("unknown column '" + column + "'");
            }
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                problems.add("missing column '" + column + "'");
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            problems.add("a column is named twice");
        }
        if (!problems.isEmpty()) {
            throw new ChannelException(400, "BAD_HEADER", "The first row must name the columns " + REQUIRED + " (and optionally "
                    + NOTE + "): " + String.join("; ", problems));
        }
        BatchOrder order = order(tenant, params.get("payerIdType"), params.get("payerIdValue"), params.get("clientRef"));
        RowChecks checks = new RowChecks(tenant, order.payer());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i), i);
        }
        return new Opened(order, new Iterator<>() {
            private int line = 1;

            @Override
            public boolean hasNext() {
                try {
                    return lines.hasNextValue();
                } catch (IOException e) {
                    throw unreadable("csv", e);
                }
            }

            @Override
            public BatchRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<String> values;
                try {
                    values = lines.nextValue();
                } catch (IOException e) {
                    throw unreadable("csv", e);
                }
                line++;
                List<String> rowProblems = new ArrayList<>();
                if (values.size() != header.size()) {
                    rowProblems.add("the row has " + values.size() + " values, the header " + header.size());
                }
                String payerType = value(values, index, PAYER_TYPE);
                String payerValue = value(values, index, PAYER_VALUE);
                if ((payerType != null || payerValue != null)
                        && !(order.payer().type().equals(payerType) && order.payer().value().equals(payerValue))) {
                    rowProblems.add("its payer is not the batch's (" + order.payer() + ")");
                }
                return checks.row(line, value(values, index, ID), value(values, index, PAYEE_TYPE), value(values, index, PAYEE_VALUE),
                        value(values, index, AMOUNT), value(values, index, CURRENCY), value(values, index, NOTE), rowProblems);
            }
        });
    }

    private static Opened json(Tenant tenant, InputStream body) throws IOException {
        JsonParser parser = JSON.getFactory().createParser(body);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new ChannelException(400, "MALFORMED_JSON", "The body must be a JSON object {\"payer\":{...},\"rows\":[...]}");
        }
        JsonNode payer = null;
        String clientRef = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (!JSON_MEMBERS.contains(name)) {
                throw new ChannelException(400, "VALIDATION", "Invalid batch: unknown member '" + name + "'");
            }
            if ("payer".equals(name)) {
                payer = parser.readValueAsTree();
            } else if ("clientRef".equals(name)) {
                clientRef = parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                if (parser.currentToken() != JsonToken.VALUE_STRING && parser.currentToken() != JsonToken.VALUE_NULL) {
                    throw new ChannelException(400, "VALIDATION", "Invalid batch: clientRef must be a string");
                }
            } else {
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw new ChannelException(400, "VALIDATION", "Invalid batch: rows must be a list of rows");
                }
                BatchOrder order = order(tenant, payer == null ? null : payer.path("idType").asText(null),
                        payer == null ? null : payer.path("idValue").asText(null), clientRef);
                return new Opened(order, jsonRows(tenant, order, parser));
            }
        }
        throw new ChannelException(400, "VALIDATION", "Invalid batch: rows is missing (it must come after payer and clientRef)");
    }

    private static Iterator<BatchRow> jsonRows(Tenant tenant, BatchOrder order, JsonParser parser) {
        RowChecks checks = new RowChecks(tenant, order.payer());
        return new Iterator<>() {
            private int line;
            private JsonToken next = advance();

            private JsonToken advance() {
                try {
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY) {
                        JsonToken after = parser.nextToken();
                        if (after != JsonToken.END_OBJECT) {
                            throw new ChannelException(400, "VALIDATION", "Invalid batch: rows must be the last member");
                        }
                    }
                    return token;
                } catch (IOException e) {
                    throw unreadable("json", e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != JsonToken.END_ARRAY;
            }

            @Override
            public BatchRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                line++;
                JsonNode row;
                try {
                    row = parser.readValueAsTree();
                } catch (IOException e) {
                    throw unreadable("json", e);
                }
                next = advance();
                List<String> problems = new ArrayList<>();
                if (row == null || !row.isObject()) {
                    problems.add("a row must be an object");
                    return checks.row(line, null, null, null, null, null, null, problems);
                }
                JsonNode amount = row.path("amount");
                if (!amount.isObject() || !amount.path("amount").isTextual()) {
                    problems.add("amount must be {\"amount\":\"10.50\",\"currency\":\"USD\"}, the amount a string");
                }
                return checks.row(line, text(row.path("id")), text(row.path("payee").path("idType")),
                        text(row.path("payee").path("idValue")), text(amount.path("amount")), text(amount.path("currency")),
                        text(row.path("note")), problems);
            }
        };
    }

    /** The payer the request names, else the tenant's disbursement account; a client reference as on transfers. */
    private static BatchOrder order(Tenant tenant, String payerType, String payerValue, String clientRef) {
        List<String> problems = new ArrayList<>();
        PartyId payer;
        if (payerType == null && payerValue == null) {
            payer = tenant.settings().bulk().payer();
            if (payer == null) {
                problems.add("name the payer (payerIdType and payerIdValue): the tenant has no disbursement account set");
            }
        } else {
            payer = TransferRequestReader.party(payerType, payerValue, "payerIdType", "payerIdValue", problems);
        }
        if (clientRef != null && (clientRef.isBlank() || clientRef.length() > MAX_TEXT)) {
            problems.add("clientRef must be 1 to " + MAX_TEXT + " characters");
        }
        if (!problems.isEmpty()) {
            throw new ChannelException(400, "VALIDATION", "Invalid batch: " + String.join("; ", problems));
        }
        return new BatchOrder(tenant.name(), payer, clientRef);
    }

    /** The checks of one row; the batch's currency is the first valid row's. */
    private static final class RowChecks {
        private final Tenant tenant;
        private final PartyId payer;
        private String currency;

        RowChecks(Tenant tenant, PartyId payer) {
            this.tenant = tenant;
            this.payer = payer;
        }

        BatchRow row(int line, String id, String payeeType, String payeeValue, String amountText, String currencyCode, String note,
                     List<String> problems) {
            if (id == null || id.isBlank() || id.length() > MAX_ID) {
                problems.add(ID + " must be 1 to " + MAX_ID + " characters");
            }
            PartyId payee = TransferRequestReader.party(payeeType, payeeValue, PAYEE_TYPE, PAYEE_VALUE, problems);
            if (payee != null && payee.equals(payer)) {
                problems.add("the payee is the batch's payer");
            }
            BigDecimal amount = amountText == null ? null
                    : TransferRequestReader.amount(tenant, amountText, currencyCode, AMOUNT, CURRENCY, problems);
            if (amountText == null && problems.stream().noneMatch(p -> p.startsWith(AMOUNT))) {
                problems.add(AMOUNT + " is missing");
            }
            if (amount != null && currency != null && !currency.equals(currencyCode)) {
                problems.add("the batch pays in " + currency + " (its first row's currency)");
                amount = null;
            }
            if (note != null && note.length() > MAX_TEXT) {
                problems.add(NOTE + " must be at most " + MAX_TEXT + " characters");
            }
            if (problems.isEmpty() && currency == null) {
                currency = currencyCode;
            }
            return new BatchRow(line, id, payeeType, payeeValue, problems.isEmpty() ? amount : null, currencyCode,
                    note == null || note.isEmpty() ? null : note, problems.isEmpty() ? null : String.join("; ", problems));
        }
    }

    private static String value(List<String> values, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null || i >= values.size()) {
            return null;
        }
        String value = values.get(i);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.isNumber() ? node.asText() : null;
    }

    private static ChannelException unreadable(String format, IOException e) {
        String reason = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
        return new ChannelException(400, "csv".equals(format) ? "MALFORMED_CSV" : "MALFORMED_JSON",
                "The batch cannot be read: " + reason);
    }
}
