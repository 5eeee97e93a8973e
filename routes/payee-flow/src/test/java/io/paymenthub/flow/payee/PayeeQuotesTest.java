package io.paymenthub.flow.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;

/** The payee's quote records: what they cost as the hub is paid more and more, and what commits with them. */
class PayeeQuotesTest {

    /**
     * A quote and its answer to the switch are one commit: when the answer cannot be recorded, the
     * quote is not recorded either, so no transfer binds to a quote the switch was never answered.
     */
    @Test
    void aQuoteIsRecordedWithItsAnswerOrNotAtAll() throws Exception {
        DataSource database = TestDatabases.h2();
        new SchemaMigrator(database).migrate();
        PayeeQuotes quotes = new PayeeQuotes(database);
        FspiopRequestJournal journal = new FspiopRequestJournal(database);
        String quoteId = UUID.randomUUID().toString();
        PayeeQuotes.IssuedQuote issued = new PayeeQuotes.IssuedQuote(quoteId, UUID.randomUUID().toString(), "payerfsp",
                new Money(new BigDecimal("10"), "USD"), "condition", Instant.now().plusSeconds(60), null, "dfsp2-dalila-usd");
        FspiopRequestJournal.Answer answer = FspiopRequestJournal.Answer.put("dfsp2", "quotes", quoteId, "/quotes/" + quoteId,
                "{\"condition\":\"condition\"}");

        assertThatThrownBy(() -> quotes.record("dfsp2", issued, Instant.now(), Optional.of(answer)))
                .as("the request was never registered").isInstanceOf(SQLException.class);
        assertThat(quotes.find("dfsp2", quoteId)).isEmpty();

        journal.register("dfsp2", "quotes", quoteId, "hash", "1.1", "payerfsp", "receipt");
        quotes.record("dfsp2", issued, Instant.now(), Optional.of(answer));
        assertThat(quotes.find("dfsp2", quoteId)).isPresent();
        FspiopRequestJournal.Registration registration = journal.register("dfsp2", "quotes", quoteId, "hash", "1.1", "payerfsp",
                "a resend");
        assertThat(registration.disposition()).isEqualTo(FspiopRequestJournal.Disposition.ANSWERED);
        assertThat(registration.callbackPath()).isEqualTo("/quotes/" + quoteId);
        assertThat(registration.callbackBody()).isEqualTo("{\"condition\":\"condition\"}");
    }

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
