package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.security.TestCertificates;

/**
 * The distribution on the machine's PostgreSQL, configured the way the shipped datasource file
 * documents: the schema is created on the first start and left as it is on the next.
 */
class PostgresDistributionIT {

    private static String schema;

    private static HubDistribution hub;

    @BeforeAll
    static void createSchema() throws Exception {
        schema = TestSchemas.create();
        hub = HubDistribution.unpack("postgresql");
        hub.secure(TestCertificates.make(hub.home().getParent().resolve("keys")));
        TestSchemas.use(hub, schema);
        // As production runs it: final records kept for a month.
        hub.appendEtc("io.paymenthub.hub.cfg", "retention.days = 30\n");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (schema != null) {
            TestSchemas.drop(schema);
        }
    }

    @Test
    void migratesPostgresqlOnTheFirstStartAndLeavesItAloneOnTheNext() throws Exception {
        hub.start();

        JsonNode database = DistributionIT.component(new ObjectMapper().readTree(hub.get("/health").body()), "database");
        assertThat(database.path("status").asText()).isEqualTo("UP");
        assertThat(database.path("details").path("database").asText()).isEqualTo("PostgreSQL");
        assertThat(database.path("details").path("schemaVersion").asInt()).isEqualTo(16);
        List<String> firstRun = appliedScripts();
        assertThat(firstRun).containsExactly("1 idempotency", "2 transfer_journal", "3 fspiop_requests",
                "4 fspiop_pending_callbacks", "5 payee_reservations", "6 payer_transfers", "7 transaction_requests",
                "8 payee_quotes", "9 payee_quote_request", "10 transaction_request_attempts", "11 bulk_batches",
                "12 fspiop_bulk_groups", "13 larger_recorded_answers", "14 reconciliation", "15 settlement_windows",
                "16 leases");
        assertThat(tables()).contains("hub_transfer", "hub_transfer_step", "channel_idempotency", "camel_messageprocessed",
                "fspiop_inbound_request", "hub_transaction_request", "hub_transaction_request_step", "hub_payee_quote",
                "hub_payee_transaction", "hub_bulk_batch", "hub_bulk_group", "hub_reconciliation_run", "hub_reconciliation_break",
                "hub_settlement_window", "hub_lease");
        assertThat(hub.console("jdbc:ds-list")).contains("payment-hub", "PostgreSQL");
        assertThat(hub.console("hub:routes")).contains("journal-retention");

        List<String> firstInstalled = installedOn();
        hub.stop();
        hub.start();

        // The second start applies nothing: the same scripts, installed when they first were.
        assertThat(appliedScripts()).isEqualTo(firstRun);
        assertThat(installedOn()).isEqualTo(firstInstalled).hasSize(firstRun.size());
        assertThat(hub.get("/health").statusCode()).isEqualTo(200);
        hub.stop();
    }

    private static List<String> appliedScripts() throws Exception {
        return query("SELECT version || ' ' || description FROM " + schema + ".hub_schema_version ORDER BY version");
    }

    private static List<String> installedOn() throws Exception {
        return query("SELECT CAST(installed_on AS VARCHAR) FROM " + schema + ".hub_schema_version ORDER BY version");
    }

    private static List<String> tables() throws Exception {
        return query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'");
    }

    private static List<String> query(String sql) throws Exception {
        return TestSchemas.query(sql);
    }
}
