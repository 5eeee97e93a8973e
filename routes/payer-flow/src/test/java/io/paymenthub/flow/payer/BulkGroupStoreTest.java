package io.paymenthub.flow.payer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;

class BulkGroupStoreTest {

    /**
     * Each transfer of a batch paid in FSPIOP bulk asks, when it joins its group, whether the batch
     * still has transfers on their way to a group. On PostgreSQL whose statistics predate the batch
     * (autovacuum off or behind), that read every transfer of the batch: quadratic in its size (a
     * 100,000-row batch fell from 77 to 26 rows/s by its 30,000th row). Once a large group closed,
     * the statistics are refreshed and the check reads the transfers before their group alone.
     */
    @Test
    void aLargeBatchsCheckForTransfersBeforeTheirGroupReadsThoseAloneOnceALargeGroupClosed() throws Exception {
        // A schema of its own: the planner has no statistics of a table before its first large batch.
        DataSource postgres = TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
        String batchId = UUID.randomUUID().toString();
        int grouped = 4 * BulkGroups.ANALYZED_GROUP_MEMBERS;
        try (Connection connection = postgres.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_transfer (transfer_id, tenant, direction, state, "
                     + "amount, currency, created_at, updated_at, row_version, batch_id) SELECT md5(random()::text || n), 'dfsp1', 'PAYER', "
                     + "CASE WHEN n <= ? THEN 'IN_BULK_QUOTE' ELSE 'PARTY_FOUND' END, 1, 'USD', now(), now(), 1, ? "
                     + "FROM generate_series(1, ?) AS n")) {
            insert.setInt(1, grouped);
            insert.setString(2, batchId);
            insert.setInt(3, grouped + 3);
            insert.executeUpdate();
        }
        BulkGroupStore store = new BulkGroupStore(postgres);

        store.refreshTransferStatistics();

        assertThat(store.batchHasTransfersBeforeGroup(batchId)).isTrue();
        assertThat(TestDatabases.rowsRead(postgres, "hub_transfer", BulkGroupStore.BATCH_BEFORE_GROUP, batchId))
                .as("transfers of the batch read to find one before its group").isLessThanOrEqualTo(3);
    }
}
