package io.paymenthub.console.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.flow.request.RequestRole;
import io.paymenthub.flow.request.RequestState;
import io.paymenthub.flow.request.TransactionRequest;
import io.paymenthub.flow.request.TransactionRequestStore;

/** The operators' request commands on a journal in H2. */
class RequestConsoleTest {

    private TransactionRequestStore store;
    private RequestConsole console;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void journal() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:request-console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
        store = new TransactionRequestStore(h2);
        console = new RequestConsole(store);
    }

    private TransactionRequest record(String tenant, String requestId, RequestRole role, RequestState state) throws Exception {
        Instant now = Instant.now();
        TransactionRequest r = TransactionRequest.create(tenant, requestId, role, state, new Money(new BigDecimal("12.50"), "USD"), "PAYMENT",
                "BUSINESS", "invoice 7", null, PartyId.of("MSISDN", "255700000001"), "dfsp1", PartyId.of("MSISDN", "255710000002"),
                "dfsp2", now.plusSeconds(300), now.plusSeconds(30), now);
        store.insert(r, "12.5 USD asked");
        return store.find(tenant, requestId, role).orElseThrow();
    }

    @Test
    void aRequestBetweenTwoTenantsShowsBothSidesWithTheirSteps() throws Exception {
        String id = UUID.randomUUID().toString();
        TransactionRequest payee = record("dfsp2", id, RequestRole.PAYEE, RequestState.AWAITING_PAYMENT);
        record("dfsp1", id, RequestRole.PAYER, RequestState.AWAITING_PAYER);
        store.transition(payee, RequestState.AWAITING_PAYMENT, StateChange.to(RequestState.PAID, "PAID")
                .set("transfer_id", "t-1").set("amount_received", new BigDecimal("12.5")).detail("credited by transfer t-1"));

        assertThat(console.show(id, out)).isTrue();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PAYEE side, tenant dfsp2", "PAYER side, tenant dfsp1", "PAID",
                "12.5 USD received", "AWAITING_PAYER", "credited by transfer t-1", "invoice 7", "payee BUSINESS");
        assertThat(console.show(UUID.randomUUID().toString(), out)).isFalse();
    }

    @Test
    void theListFiltersByTenantSideAndState() throws Exception {
        String asked = UUID.randomUUID().toString();
        String answering = UUID.randomUUID().toString();
        record("dfsp2", asked, RequestRole.PAYEE, RequestState.SENT);
        record("dfsp1", answering, RequestRole.PAYER, RequestState.AWAITING_PAYER);

        console.list("dfsp1", "payer", "awaiting_payer", 50, out);

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(answering, "12.5 USD", "1 request(s)").doesNotContain(asked);
        assertThatThrownBy(() -> console.list(null, null, "LOST", 50, out)).hasMessageContaining("No RequestState LOST");
    }
}
