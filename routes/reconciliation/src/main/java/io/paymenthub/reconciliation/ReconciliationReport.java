package io.paymenthub.reconciliation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A run's report, streamed so that a day of many breaks never sits in memory: JSON (the run, its
 * totals and every break), the breaks as CSV, and the totals as CSV (one row per currency).
 */
public final class ReconciliationReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind {
        JSON(".json", "application/json"),
        BREAKS_CSV("-breaks.csv", "text/csv"),
        TOTALS_CSV("-totals.csv", "text/csv");

        private final String suffix;
        private final String mediaType;

        Kind(String suffix, String mediaType) {
            this.suffix = suffix;
            this.mediaType = mediaType;
        }

        public String fileName(LocalDate day) {
            return day + suffix;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private ReconciliationReport() {
    }

    /** Writes the report to {@code file}, replacing an earlier one only once it is whole. */
    static void write(ReconciliationRun run, ReconciliationStore store, Kind kind, Path file) throws IOException, SQLException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            write(run, store, kind, out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void write(ReconciliationRun run, ReconciliationStore store, Kind kind, OutputStream out)
            throws IOException, SQLException {
        switch (kind) {
            case JSON -> json(run, store, out);
            case BREAKS_CSV -> breaksCsv(run, store, out);
            case TOTALS_CSV -> totalsCsv(run, out);
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private static void json(ReconciliationRun run, ReconciliationStore store, OutputStream out) throws IOException, SQLException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("runId", run.runId());
            json.writeStringField("tenant", run.tenant());
            json.writeStringField("businessDay", run.businessDay().toString());
            json.writeStringField("state", run.state().name());
            json.writeStringField("windowStart", run.windowStart().toString());
            json.writeStringField("windowEnd", run.windowEnd().toString());
            json.writeStringField("requestedBy", run.requestedBy());
            json.writeStringField("startedAt", run.startedAt().toString());
            json.writeStringField("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            json.writeNumberField("accountsRead", run.accountsRead());
            json.writeNumberField("bookingsRead", run.bookingsRead());
            json.writeNumberField("breakCount", run.breakCount());
            if (run.summary() != null) {
                json.writeFieldName("summary");
                json.writeTree(ReconciliationSummary.fromJson(run.summary()).toJson());
            }
            json.writeArrayFieldStart("breaks");
            IOException[] failed = new IOException[1];
            store.forEachBreak(run.runId(), b -> {
                if (failed[0] != null) {
                    return;
                }
                try {
                    json.writeStartObject();
                    json.writeStringField("class", b.breakClass().name());
                    json.writeStringField("transferId", b.transferId());
                    json.writeStringField("accountId", b.accountId());
                    json.writeStringField("currency", b.currency());
                    json.writeStringField("hubAmount", amount(b.hubAmount()));
                    json.writeStringField("bookedAmount", amount(b.bookedAmount()));
                    json.writeStringField("detail", b.detail());
                    json.writeStringField("action", b.action());
                    json.writeEndObject();
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void breaksCsv(ReconciliationRun run, ReconciliationStore store, OutputStream out) throws IOException, SQLException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("tenant,business_day,class,transfer_id,account_id,currency,hub_amount,booked_amount,detail,action\n");
        IOException[] failed = new IOException[1];
        store.forEachBreak(run.runId(), b -> {
            if (failed[0] != null) {
                return;
            }
            try {
                writer.write(String.join(",", csv(run.tenant()), run.businessDay().toString(), b.breakClass().name(), csv(b.transferId()),
                        csv(b.accountId()), csv(b.currency()), csv(amount(b.hubAmount())), csv(amount(b.bookedAmount())), csv(b.detail()),
                        csv(b.action())) + "\n");
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        writer.flush();
    }

    private static void totalsCsv(ReconciliationRun run, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("tenant,business_day,currency,out_count,out_amount,out_fees,in_count,in_amount,on_us_out_count,on_us_out_amount,"
                + "on_us_in_count,on_us_in_amount,net_position,breaks\n");
        if (run.summary() != null) {
            ReconciliationSummary summary = ReconciliationSummary.fromJson(run.summary());
            for (var entry : summary.currencies().entrySet()) {
                ReconciliationSummary.CurrencyTotals t = entry.getValue();
                writer.write(String.join(",", csv(run.tenant()), run.businessDay().toString(), entry.getKey(),
                        Long.toString(t.outCount()), amount(t.outAmount()), amount(t.outFees()), Long.toString(t.inCount()),
                        amount(t.inAmount()), Long.toString(t.onUsOutCount()), amount(t.onUsOutAmount()), Long.toString(t.onUsInCount()),
                        amount(t.onUsInAmount()), amount(t.netPosition()), Long.toString(summary.breakCount())) + "\n");
            }
        }
        writer.flush();
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : ReconciliationSummary.plain(value);
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break; a formula's leading sign defused. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text; // a spreadsheet would run it as a formula
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
