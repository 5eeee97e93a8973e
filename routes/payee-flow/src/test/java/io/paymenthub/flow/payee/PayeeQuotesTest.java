package io.paymenthub.flow.payee;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;

/** What the payee's quote records cost as the hub is paid more and more: on PostgreSQL, with its planner's statistics. */
class PayeeQuotesTest {

    @Test
    void answeringAQuoteAgainReadsNoneOfTheTransfersTheTenantWasPaidBefore() throws Exception {
        DataSource database = TestDatabases.postgres();
        new SchemaMigrator(database).migrate();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO hub_payee_transaction (tenant, transaction_id, transfer_id, quote_id, claimed_at, credited_at) "
                    + "SELECT 'dfsp2', 'transaction-' || n, 'transfer-' || n, 'quote-' || n, now(), now() FROM generate_series(1, 5000) n");
            statement.execute("ANALYZE hub_payee_transaction");
        }

        assertThat(TestDatabases.rowsRead(database, "hub_payee_transaction", PayeeQuotes.DELETE_UNUSED_QUOTE,
                "dfsp2", "quote-new", "dfsp2", "quote-new")).isLessThanOrEqualTo(1);
    }
}
