package io.paymenthub.flow.payer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.step.StepJournal;

/** The payer flow's journal on H2 and on the machine's real PostgreSQL (a fresh schema each). */
class PayerTransferStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.123456Z").truncatedTo(ChronoUnit.MICROS);

    static Stream<Arguments> databases() throws Exception {
        DataSource h2 = TestDatabases.h2();
        new SchemaMigrator(h2).migrate();
        DataSource postgres = TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", postgres));
    }

    private static PayerTransferStore store(DataSource dataSource) {
        return new PayerTransferStore(dataSource, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PayerTransfer transfer(String tenant, String clientRef, String payee) {
        TransferRequest request = new TransferRequest(PartyId.of("MSISDN", "255700000001"), PartyId.of("MSISDN", payee),
                new BigDecimal("10.50"), "USD", "PAYMENT", "coffee", clientRef);
        return PayerTransfer.requested(UUID.randomUUID().toString(), tenant, "dfsp1fsp", request, null, UUID.randomUUID().toString(), NOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTransferIsRecordedAndEveryKindOfValueComesBackAsWritten(String name, DataSource dataSource) throws Exception {
        PayerTransferStore store = store(dataSource);
        PayerTransfer t = transfer("dfsp1", "ref-" + UUID.randomUUID(), "255710000001");
        assertThat(store.insert(t)).isTrue();

        Instant expires = NOW.plusSeconds(60);
        assertThat(store.transition(t.transferId(), TransferState.RECEIVED, StateChange.to(TransferState.QUOTED, "QUOTE")
                .set("payer_account", "acc-1").set("routing", PayerTransfer.Routing.SWITCH).set("transfer_amount", new BigDecimal("11"))
                .set("payee_fee", new BigDecimal("0.5"))
                .set("payer_fee", new BigDecimal("1.5")).set("expires_at", expires).deadline(null).set("attempts", 2)
                .detail("quoted"))).isTrue();

        PayerTransfer read = store.find(t.transferId()).orElseThrow();
        assertThat(read.state()).isEqualTo(TransferState.QUOTED);
        assertThat(read.amount()).isEqualByComparingTo("10.5");
        assertThat(read.transferAmount()).isEqualByComparingTo("11");
        assertThat(read.payerDebit()).isEqualByComparingTo("12.5");
        assertThat(read.routing()).isEqualTo(PayerTransfer.Routing.SWITCH);
        assertThat(read.expiresAt()).isEqualTo(expires);
        assertThat(read.deadline()).isNull();
        assertThat(read.attempts()).isEqualTo(2);
        assertThat(read.payer()).isEqualTo(PartyId.of("MSISDN", "255700000001"));
        assertThat(store.steps(t.transferId())).extracting(StepJournal.Step::outcome).containsExactly("RECEIVED", "QUOTED");
        assertThat(store.find("dfsp2", t.transferId())).as("another tenant's").isEmpty();
        assertThat(store.findByClientRef("dfsp1", t.clientRef())).map(PayerTransfer::transferId).contains(t.transferId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ofTwoTransitionsOutOfTheSameStateOnlyOneHappensAndAMoveGivesTheTransferAsItLeftIt(String name, DataSource dataSource)
            throws Exception {
        PayerTransferStore store = store(dataSource);
        PayerTransfer t = transfer("dfsp1", null, "255710000001");
        store.insert(t);

        boolean first = store.transition(t.transferId(), TransferState.RECEIVED, StateChange.to(TransferState.LOOKUP_SENT, "LOOKUP"));
        boolean second = store.transition(t.transferId(), TransferState.RECEIVED, StateChange.to(TransferState.ABORTED, "LOOKUP"));
        Optional<PayerTransfer> moved = store.move(t.transferId(), TransferState.LOOKUP_SENT,
                StateChange.to(TransferState.PARTY_FOUND, "LOOKUP").set("payee_fsp", "dfsp2fsp").set("payee_name", "Dalila"));
        Optional<PayerTransfer> movedAgain = store.move(t.transferId(), TransferState.LOOKUP_SENT,
                StateChange.to(TransferState.ABORTED, "LOOKUP"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(moved).as("the transfer as the move left it").get().usingRecursiveComparison()
                .isEqualTo(store.find(t.transferId()).orElseThrow());
        assertThat(moved.get().state()).isEqualTo(TransferState.PARTY_FOUND);
        assertThat(moved.get().payeeFsp()).isEqualTo("dfsp2fsp");
        assertThat(movedAgain).as("already out of LOOKUP_SENT").isEmpty();
        assertThat(store.steps(t.transferId())).extracting(StepJournal.Step::outcome).containsExactly("RECEIVED", "LOOKUP_SENT", "PARTY_FOUND");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aClientReferenceIsTheTenantsOnce(String name, DataSource dataSource) throws Exception {
        PayerTransferStore store = store(dataSource);
        String ref = "order-" + UUID.randomUUID();

        assertThat(store.insert(transfer("dfsp1", ref, "255710000001"))).isTrue();
        assertThat(store.insert(transfer("dfsp1", ref, "255710000002"))).isFalse();
        assertThat(store.insert(transfer("dfsp2", ref, "255710000001"))).as("another tenant may use it").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void waitsPastTheirDeadlineAndStalledStepsAreFoundAndAStalledStepIsAskedOncePerPeriod(String name, DataSource dataSource)
            throws Exception {
        PayerTransferStore store = store(dataSource);
        PayerTransfer waiting = transfer("dfsp1", null, "255710000001");
        PayerTransfer stalled = transfer("dfsp1", null, "255710000001");
        store.insert(waiting);
        store.insert(stalled);
        store.transition(waiting.transferId(), TransferState.RECEIVED, StateChange.to(TransferState.LOOKUP_SENT, "LOOKUP")
                .deadline(NOW.minusSeconds(1)));

        assertThat(store.pastDeadline(NOW, 100)).extracting(PayerTransfer::transferId).contains(waiting.transferId())
                .doesNotContain(stalled.transferId());
        assertThat(store.waitingForParty("dfsp1", PartyId.of("MSISDN", "255710000001"))).extracting(PayerTransfer::transferId)
                .contains(waiting.transferId());
        PayerTransfer found = store.stalled(NOW.plus(Duration.ofMinutes(5)), 100).stream()
                .filter(t -> t.transferId().equals(stalled.transferId())).findFirst().orElseThrow();

        PayerTransferStore later = new PayerTransferStore(dataSource, Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC));
        assertThat(later.touch(found.transferId(), TransferState.RECEIVED, found.updatedAt())).isTrue();
        assertThat(later.touch(found.transferId(), TransferState.RECEIVED, found.updatedAt())).as("another node, same look").isFalse();
        assertThat(later.stalled(NOW.plusSeconds(299), 100)).extracting(PayerTransfer::transferId).doesNotContain(stalled.transferId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theConsoleListsByTenantAndState(String name, DataSource dataSource) throws Exception {
        PayerTransferStore store = store(dataSource);
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        PayerTransfer a = transfer(tenant, null, "255710000001");
        PayerTransfer b = transfer(tenant, null, "255710000002");
        store.insert(a);
        store.insert(b);
        store.transition(b.transferId(), TransferState.RECEIVED, StateChange.to(TransferState.ABORTED, "LOOKUP").failure("3204", "x"));

        assertThat(store.list(new PayerTransferStore.Filter(tenant, null, null, null, 10))).hasSize(2);
        assertThat(store.list(new PayerTransferStore.Filter(tenant, TransferState.ABORTED, NOW.minusSeconds(1), NOW.plusSeconds(1), 10)))
                .extracting(PayerTransfer::transferId).containsExactly(b.transferId());
        assertThat(store.list(new PayerTransferStore.Filter(tenant, null, NOW.plusSeconds(1), null, 10))).isEmpty();
    }
}
