package io.paymenthub.console.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.flow.bulk.BatchOrder;
import io.paymenthub.flow.bulk.BatchRow;
import io.paymenthub.flow.bulk.BulkBatchStore;
import io.paymenthub.flow.bulk.ItemState;

/** What an operator reads with {@code hub:bulk}: the batches, and one batch with its counts, failed rows and history. */
class BulkConsoleTest {

    @Test
    void anOperatorSeesTheBatchesAndOneBatchsCountsFailedRowsAndHistory() throws Exception {
        DataSource h2 = TestDatabases.h2();
        new SchemaMigrator(h2).migrate();
        BulkBatchStore store = new BulkBatchStore(h2);
        BulkBatchStore.Submission.Accepted accepted = (BulkBatchStore.Submission.Accepted) store.submit(
                new BatchOrder("dfsp1", PartyId.of("MSISDN", "255700000001"), "payroll-11"),
                List.of(new BatchRow(2, "e-1", "MSISDN", "255710000001", new BigDecimal("10"), "USD", "salary", null),
                        new BatchRow(3, "e-2", "MSISDN", "255719999999", new BigDecimal("5"), "USD", "salary", null)).iterator(),
                100, 8, Tenant.InvalidRows.SKIP, 10, false, batch -> BulkBatchStore.PayerCheck.UNCHECKED);
        store.itemEnded(accepted.released().get(0).transferId(), ItemState.COMPLETED, new BigDecimal("1.5"), null, null, 0);
        store.itemEnded(accepted.released().get(1).transferId(), ItemState.FAILED, null, "3204", "Party not found", 0);
        // Its first row went in an FSPIOP bulk quote and bulk transfer to dfsp2.
        try (java.sql.Connection c = h2.getConnection()) {
            io.paymenthub.core.step.StepJournal.update(c, "INSERT INTO hub_bulk_group (bulk_quote_id, bulk_transfer_id, tenant, batch_id, "
                    + "payee_fsp, state, members, attempts, created_at, updated_at) VALUES ('bq-1', 'bt-1', 'dfsp1', ?, 'dfsp2', 'DONE', 1, "
                    + "0, ?, ?)", accepted.batch().batchId(), java.time.Instant.now(), java.time.Instant.now());
        }
        BulkConsole console = new BulkConsole(store);

        ByteArrayOutputStream list = new ByteArrayOutputStream();
        console.list("dfsp1", 50, new PrintStream(list, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        console.show(accepted.batch().batchId(), new PrintStream(one, true, StandardCharsets.UTF_8));

        assertThat(list.toString(StandardCharsets.UTF_8)).contains(accepted.batch().batchId(), "COMPLETED_WITH_ERRORS", "100.0%", "10 USD",
                "1 batch(es)");
        String shown = one.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("clientRef payroll-11", "completed  1 (10 USD, fees 1.5 USD)", "failed     1 (5 USD)",
                "3204 Party not found", "255719999999", "SUBMIT -> RUNNING", "END -> COMPLETED_WITH_ERRORS", "FSPIOP bulk messages");
        assertThat(shown.lines().filter(line -> line.contains("bq-1"))).singleElement().asString().contains("bt-1", "dfsp2", "DONE");
    }
}
