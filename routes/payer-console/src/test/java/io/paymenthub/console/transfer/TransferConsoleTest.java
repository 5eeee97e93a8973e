package io.paymenthub.console.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.flow.payer.PayerMessages;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.payer.TransferState;

/** The operators' transfer commands on a journal in H2. */
class TransferConsoleTest {

    private PayerTransfers transfers;
    private TransferConsole console;
    private final TenantRegistry tenants = new TenantRegistry();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void journal() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
        transfers = new PayerTransfers(new PayerTransferStore(h2));
        console = new TransferConsole(transfers);
        tenants.update("pid-1", "etc/dfsp1.cfg", TestTenantConfigs.valid("dfsp1", "dfsp1fsp", "http://127.0.0.1:1/api/v1"));
        tenants.update("pid-2", "etc/dfsp2.cfg", TestTenantConfigs.valid("dfsp2", "dfsp2fsp", "http://127.0.0.1:1/api/v1"));
    }

    private String start(String tenant, String amount) throws Exception {
        Tenant t = tenants.byName(tenant).orElseThrow();
        return transfers.start(t, new TransferRequest(PartyId.of("MSISDN", "255700000001"), PartyId.of("MSISDN", "255710000001"),
                new BigDecimal(amount), "USD", "TRANSFER", null, null)).transfer().transferId();
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void transfersAreListedByTenantAndState() throws Exception {
        String first = start("dfsp1", "10");
        String second = start("dfsp2", "20");
        transfers.store().transition(second, TransferState.RECEIVED, StateChange.to(TransferState.ABORTED, "LOOKUP")
                .failure("3204", "Party not found"));

        console.list("dfsp2", null, null, null, 50, out);
        assertThat(printed()).contains(second, "ABORTED", "20 USD", "3204 Party not found").doesNotContain(first);

        printed.reset();
        console.list(null, "received", "2000-01-01", null, 50, out);
        assertThat(printed()).contains(first).doesNotContain(second).contains("1 transfer(s)");
    }

    @Test
    void aTransferIsShownWithEveryStep() throws Exception {
        String id = start("dfsp1", "10.50");
        transfers.store().transition(id, TransferState.RECEIVED, StateChange.to(TransferState.LOOKUP_SENT, "LOOKUP")
                .detail("GET /parties/MSISDN/255710000001"));

        assertThat(console.show(id, out)).isTrue();
        assertThat(printed()).contains("State         LOOKUP_SENT", "10.5 USD", "REQUEST", "LOOKUP", "GET /parties/MSISDN/255710000001");
        assertThat(console.show("no-such-transfer", out)).isFalse();
    }

    @Test
    void anUnknownTransferIsResolvedAndTheReleaseStepSent() throws Exception {
        String id = start("dfsp1", "10");
        transfers.store().transition(id, TransferState.RECEIVED, StateChange.to(TransferState.UNKNOWN, "STATUS_QUERY")
                .failure("2004", "no outcome"));
        List<Emit> sent = new ArrayList<>();

        console.resolve(id, "aborted", "not in the switch's settlement report", sent::addAll, out);

        assertThat(transfers.store().find(id).orElseThrow().state()).isEqualTo(TransferState.RELEASING);
        assertThat(sent).singleElement().satisfies(emit -> {
            assertThat(emit.queue()).isEqualTo(PayerMessages.STEPS);
            assertThat(emit.headers()).containsEntry(PayerMessages.STATE, "RELEASING");
        });
        assertThat(transfers.store().steps(id)).last().satisfies(step -> assertThat(step.detail()).contains("not in the switch's"));
    }

    @Test
    void anUnknownTransferIsAskedAboutAgainAndWaitsForTheSwitchsAnswerAtOnce() throws Exception {
        String id = start("dfsp1", "10");
        transfers.store().transition(id, TransferState.RECEIVED, StateChange.to(TransferState.UNKNOWN, "STATUS_QUERY")
                .failure("2004", "no outcome"));

        console.askSwitch(id, "console:ops", "reconciliation 2026-11-30", out);

        PayerTransfer asked = transfers.store().find(id).orElseThrow();
        assertThat(asked.state()).isEqualTo(TransferState.STATUS_REQUESTED);
        assertThat(asked.attempts()).isZero();
        assertThat(asked.deadline()).as("due for its status query now").isBeforeOrEqualTo(transfers.store().now());
        assertThat(asked.failureCode()).isNull();
        assertThat(transfers.store().steps(id)).last().satisfies(step -> {
            assertThat(step.step()).isEqualTo("ASK_SWITCH");
            assertThat(step.detail()).contains("console:ops", "reconciliation 2026-11-30");
        });
        assertThat(printed()).contains("GET /transfers/" + id);
        assertThatThrownBy(() -> console.askSwitch(id, "console:ops", null, out)).hasMessageContaining("is not UNKNOWN");
    }

    @Test
    void statsCountEachTenantsTransfersByStateAndShowTheOldestInFlight() throws Exception {
        String inFlight = start("dfsp1", "10");
        String committed = start("dfsp1", "11");
        transfers.store().transition(committed, TransferState.RECEIVED, StateChange.to(TransferState.COMMITTED, "COMMIT"));
        String aborted = start("dfsp2", "12");
        transfers.store().transition(aborted, TransferState.RECEIVED, StateChange.to(TransferState.ABORTED, "LOOKUP")
                .failure("3204", "Party not found"));
        String unknown = start("dfsp2", "13");
        transfers.store().transition(unknown, TransferState.RECEIVED, StateChange.to(TransferState.UNKNOWN, "STATUS_QUERY")
                .failure("2004", "no outcome"));

        List<PayerTransferStore.TenantActivity> activity = transfers.store().activity(transfers.store().now().minusSeconds(3600));
        console.stats(60, out);

        assertThat(activity).extracting(PayerTransferStore.TenantActivity::tenant).containsExactly("dfsp1", "dfsp2");
        assertThat(activity.get(0).createdByState()).containsEntry(TransferState.RECEIVED, 1L).containsEntry(TransferState.COMMITTED, 1L);
        assertThat(activity.get(0).ended()).isEqualTo(1);
        assertThat(activity.get(0).oldestInFlight().transferId()).isEqualTo(inFlight);
        assertThat(activity.get(1).createdByState()).containsEntry(TransferState.ABORTED, 1L).containsEntry(TransferState.UNKNOWN, 1L);
        assertThat(activity.get(1).ended()).isEqualTo(2);
        assertThat(activity.get(1).oldestInFlight()).as("an UNKNOWN transfer waits for an operator, not in flight").isNull();
        assertThat(printed()).contains("dfsp1", "dfsp2", inFlight + " RECEIVED for");
        assertThat(transfers.store().activity(transfers.store().now().plusSeconds(60)))
                .as("nothing created or ended since: only what is still in flight").singleElement()
                .satisfies(tenant -> assertThat(tenant.createdByState()).isEmpty());
    }

    @Test
    void onlyAnUnknownTransferCanBeResolvedAndOnlyToAnOutcome() throws Exception {
        String id = start("dfsp1", "10");

        assertThatThrownBy(() -> console.resolve(id, "COMMITTED", null, emits -> { }, out)).hasMessageContaining("is not UNKNOWN");
        assertThatThrownBy(() -> console.resolve(id, "MAYBE", null, emits -> { }, out)).hasMessageContaining("COMMITTED");
        assertThat(transfers.store().find(id).orElseThrow().state()).isEqualTo(TransferState.RECEIVED);
    }
}
