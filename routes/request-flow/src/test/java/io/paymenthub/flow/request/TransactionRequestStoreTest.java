package io.paymenthub.flow.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.step.StepJournal;

/** The journal of requests to pay on H2 and on the machine's real PostgreSQL (a fresh schema each). */
class TransactionRequestStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.123456Z").truncatedTo(ChronoUnit.MICROS);
    private static final PartyId ALICE = PartyId.of("MSISDN", "255700000001");
    private static final PartyId DALILA = PartyId.of("MSISDN", "255710000001");

    static Stream<Arguments> databases() throws Exception {
        DataSource h2 = TestDatabases.h2();
        new SchemaMigrator(h2).migrate();
        DataSource postgres = TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", postgres));
    }

    private static TransactionRequestStore store(DataSource dataSource) {
        return new TransactionRequestStore(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TransactionRequest request(String tenant, String requestId, RequestRole role, RequestState state, String clientRef) {
        return TransactionRequest.create(tenant, requestId, role, state, new Money(new BigDecimal("10.50"), "USD"), "TRANSFER", "CONSUMER",
                "rent", clientRef, ALICE, role == RequestRole.PAYER ? "dfsp1" : null, DALILA, "dfsp2", NOW.plusSeconds(300),
                NOW.plusSeconds(30), NOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void bothSidesOfOneRequestAreKeptApartAndEveryValueComesBackAsWritten(String name, DataSource dataSource) throws Exception {
        TransactionRequestStore store = store(dataSource);
        String id = UUID.randomUUID().toString();
        String ref = "invoice-" + id;
        assertThat(store.insert(request("dfsp2", id, RequestRole.PAYEE, RequestState.RECEIVED, ref), "asked")).isTrue();
        assertThat(store.insert(request("dfsp1", id, RequestRole.PAYER, RequestState.AWAITING_PAYER, null), "received")).isTrue();
        assertThat(store.insert(request("dfsp2", id, RequestRole.PAYEE, RequestState.RECEIVED, null), "again")).as("same side twice")
                .isFalse();
        assertThat(store.insert(request("dfsp2", UUID.randomUUID().toString(), RequestRole.PAYEE, RequestState.RECEIVED, ref), "ref"))
                .as("client reference reused").isFalse();

        TransactionRequest payee = store.find("dfsp2", id, RequestRole.PAYEE).orElseThrow();
        String transactionId = UUID.randomUUID().toString();
        assertThat(store.transition(payee, RequestState.RECEIVED, StateChange.to(RequestState.AWAITING_PAYMENT, "ANSWER")
                .set("payer_fsp", "dfsp1").set("transaction_id", transactionId).set("amount_received", new BigDecimal("10.5"))
                .failure(null, null).deadline(null).detail("answered"))).isTrue();
        assertThat(store.transition(payee, RequestState.RECEIVED, StateChange.to(RequestState.FAILED, "LATE"))).as("not RECEIVED any more")
                .isFalse();

        TransactionRequest read = store.findByTransaction("dfsp2", transactionId).orElseThrow();
        assertThat(read.state()).isEqualTo(RequestState.AWAITING_PAYMENT);
        assertThat(read.amount()).isEqualByComparingTo("10.5");
        assertThat(read.amountReceived()).isEqualByComparingTo("10.5");
        assertThat(read.payerFsp()).isEqualTo("dfsp1");
        assertThat(read.deadline()).isNull();
        assertThat(read.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(read.payer()).isEqualTo(ALICE);
        assertThat(read.clientRef()).isEqualTo(ref);
        assertThat(store.steps(read)).extracting(StepJournal.Step::outcome).containsExactly("RECEIVED", "AWAITING_PAYMENT");
        assertThat(store.find("dfsp1", id)).map(TransactionRequest::role).contains(RequestRole.PAYER);
        assertThat(store.findAll(id)).extracting(TransactionRequest::tenant).containsExactly("dfsp1", "dfsp2");
        assertThat(store.findByClientRef("dfsp2", ref)).map(TransactionRequest::requestId).contains(id);
        assertThat(store.list(new TransactionRequestStore.Filter("dfsp1", RequestRole.PAYER, RequestState.AWAITING_PAYER, 10)))
                .extracting(TransactionRequest::requestId).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void requestsPastTheirDeadlineAndThoseWaitingForOnePayerAreFound(String name, DataSource dataSource) throws Exception {
        TransactionRequestStore store = store(dataSource);
        String waiting = UUID.randomUUID().toString();
        store.insert(request("dfsp9", waiting, RequestRole.PAYEE, RequestState.LOOKUP_SENT, null), "lookup");
        TransactionRequestStore later = new TransactionRequestStore(dataSource, Clock.fixed(NOW.plusSeconds(31), ZoneOffset.UTC));

        assertThat(store.waitingForPayer("dfsp9", ALICE)).extracting(TransactionRequest::requestId).containsExactly(waiting);
        assertThat(store.pastDeadline(NOW, 100)).extracting(TransactionRequest::requestId).doesNotContain(waiting);
        assertThat(later.pastDeadline(later.now(), 100)).extracting(TransactionRequest::requestId).contains(waiting);
    }
}
