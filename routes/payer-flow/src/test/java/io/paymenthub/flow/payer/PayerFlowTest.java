package io.paymenthub.flow.payer;

import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.fineract.FineractConnectorRouteBuilder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.step.StepJournal;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.fineract.simulator.AccountSnapshot;
import io.paymenthub.flow.payee.PayeeRouteBuilder;

/**
 * The payer flow of dfsp1 paying dfsp2 through a stand-in switch, with the real payee flow
 * answering for dfsp2, the real Fineract connector on the Fineract simulator (lab seed), a real
 * broker and the journal on PostgreSQL. What is checked is what a user checks: the final state the
 * channel is notified of, the two balances, and that no hold is left behind.
 */
class PayerFlowTest extends FlowsTestSupport {

    static PayerTransferStore store;
    /** What the flow counted as ended: flow, tenant and state. */
    static final List<String> ENDED = new java.util.concurrent.CopyOnWriteArrayList<>();
    static DataSource payeeDataSource;

    static final PartyId ALICE = PartyId.of("MSISDN", "255700000001");
    static final PartyId BAKARI = PartyId.of("MSISDN", "255700000002");
    static final PartyId DALILA = PartyId.of("MSISDN", "255710000001");
    static final PartyId ELIA = PartyId.of("MSISDN", "255710000002");

    private final ObjectMapper json = new ObjectMapper();
    private SwitchDouble switchDouble;
    private PayerTransfers transfers;

    @BeforeAll
    static void start() throws Exception {
        store = new PayerTransferStore(postgres, new io.paymenthub.core.metrics.HubMetrics() {
            @Override
            public void ended(String flow, String tenant, String state, java.time.Duration took) {
                ENDED.add(flow + " " + tenant + " " + state);
            }

            @Override
            public void accountSystemCall(String tenant, String connector, String operation, String outcome, java.time.Duration took) {
            }
        });
        payeeDataSource = postgres;
    }

    /** Tenants that send even transfers between them through the switch, unless a test says otherwise. */
    static Map<String, Object> tenant(String name, String fspId) {
        Map<String, Object> config = TestTenantConfigs.valid(name, fspId, fineract.fineractUrl());
        config.put("onus.routing", "SWITCH");
        return config;
    }

    @BeforeEach
    void reset() throws Exception {
        fineract.admin().resetAll();
        TENANTS.update("pid-1", "etc/dfsp1.cfg", tenant("dfsp1", "dfsp1fsp"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", tenant("dfsp2", "dfsp2fsp"));
        transfers = new PayerTransfers(store);
    }

    @AfterEach
    void healSwitch() {
        switchDouble.loseTransfers = false;
        switchDouble.heal();
        switchDouble.silentOnStatus = false;
        switchDouble.transferError = null;
        switchDouble.statusError = null;
        switchDouble.forgedFulfilment = null;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        AccountSystemDirectory accounts = new AccountSystemDirectory(ACCOUNT_SYSTEMS);
        // Short waits, so that the tests of a silent switch end in seconds.
        PayerFlowSettings settings = PayerFlowSettings.ofSeconds(5, 5, 2, 1, 0, 1, 2, 60, 2, 3, 4);
        switchDouble = new SwitchDouble(Map.of("dfsp1", "dfsp1fsp", "dfsp2", "dfsp2fsp"));
        return new RoutesBuilder[] {
            new FineractConnectorRouteBuilder(),
            PayeeRouteBuilder.on(TENANTS, accounts, payeeDataSource, 60, 4),
            PayerRouteBuilder.on(TENANTS, accounts, store, settings),
            switchDouble
        };
    }

    private String pay(PartyId payer, PartyId payee, String amount, String scenario) throws Exception {
        Tenant dfsp1 = TENANTS.byName("dfsp1").orElseThrow();
        PayerTransfers.Started started = transfers.start(dfsp1,
                new TransferRequest(payer, payee, new BigDecimal(amount), "USD", scenario, "lunch", null));
        send(started.emits());
        return started.transfer().transferId();
    }

    private void send(List<Emit> emits) {
        for (Emit emit : emits) {
            template.sendBodyAndHeaders("jms:queue:" + emit.queue(), emit.body(), emit.headers());
        }
    }

    /** The next event for the channels, which must be about this transfer. */
    private JsonNode notified(String transferId) throws Exception {
        Exchange notification = consumer.receive("jms:queue:" + PayerMessages.EVENTS, 20_000);
        assertThat(notification).as("a notification of transfer " + transferId).isNotNull();
        assertThat(notification.getMessage().getHeader(PayerMessages.TRANSFER_ID)).isEqualTo(transferId);
        return json.readTree(notification.getMessage().getBody(String.class));
    }

    private AccountSnapshot account(String tenant, String externalId) {
        return fineract.admin().account(tenant, externalId);
    }

    private void assertNoHolds() {
        assertThat(fineract.admin().holds("dfsp1")).as("holds left on dfsp1").isEmpty();
        assertThat(fineract.admin().holds("dfsp2")).as("holds left on dfsp2").isEmpty();
    }

    @Test
    void aP2PTransferIsCommittedWithThePayerDebitedAmountPlusFeeAndThePayeeCredited() throws Exception {
        // The step messages themselves, not the messages they send (split off with the route's id).
        NotifyBuilder onlyTheFirstStepCrossesTheBroker = new NotifyBuilder(context).fromRoute("payer-step")
                .filter(header(PayerMessages.STATE).isNotNull()).whenExactlyCompleted(1).create();
        ENDED.clear();
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        // Reserve, POST /transfers and commit run on in the callbacks' transactions: a transfer waits only for the switch.
        assertThat(onlyTheFirstStepCrossesTheBroker.matches()).isTrue();
        assertThat(transfer.path("state").asText()).isEqualTo("COMMITTED");
        assertThat(transfer.path("payee").path("name").asText()).isEqualTo("Dalila Omari");
        assertThat(transfer.path("payee").path("fspId").asText()).isEqualTo("dfsp2fsp");
        assertThat(transfer.path("fees").path("payer").path("amount").asText()).isEqualTo("1.5");
        assertThat(transfer.path("payerDebit").path("amount").asText()).isEqualTo("11.5");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertNoHolds();
        assertThat(store.steps(transferId)).extracting(StepJournal.Step::outcome).containsExactly(
                "RECEIVED", "LOOKUP_SENT", "PARTY_FOUND", "QUOTE_SENT", "QUOTED", "RESERVED", "TRANSFER_SENT", "FULFILLED", "COMMITTED");
        assertThat(store.find(transferId).orElseThrow().fulfilment()).isNotBlank();
        assertThat(ENDED).as("counted once, when it ended").containsExactly("payer-transfer dfsp1 COMMITTED");
    }

    /** The connector, unavailable for now (UNAVAILABLE, 503) on the calls {@code when} picks. */
    private static AccountSystem unavailableWhen(AccountSystem connector,
                                                 java.util.function.BiPredicate<java.lang.reflect.Method, Object[]> when) {
        return (AccountSystem) Proxy.newProxyInstance(AccountSystem.class.getClassLoader(), new Class<?>[] {AccountSystem.class},
                (proxy, method, args) -> {
                    if (when.test(method, args)) {
                        throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "core banking unavailable for now", 503, null);
                    }
                    try {
                        return method.invoke(connector, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aHoldThatCoreBankingRefusesForNowIsRetriedThroughTheStepsQueueAndTheTransferCommits() throws Exception {
        AccountSystem fineractConnector = ACCOUNT_SYSTEMS.get(0);
        AtomicInteger unavailable = new AtomicInteger(1);
        ACCOUNT_SYSTEMS.set(0, unavailableWhen(fineractConnector, (method, args) -> method.getName().equals("reserve")
                && unavailable.getAndDecrement() > 0));
        try {
            NotifyBuilder holdRetriedFromTheQueue = new NotifyBuilder(context).fromRoute("payer-step")
                    .filter(header(PayerMessages.STATE).isEqualTo(TransferState.QUOTED.name())).whenCompleted(1).create();
            String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

            assertThat(notified(transferId).path("state").asText()).isEqualTo("COMMITTED");
            assertThat(holdRetriedFromTheQueue.matches()).as("the hold that failed in the quote's callback ran again from payer.steps")
                    .isTrue();
            assertThat(unavailable.get()).isNegative();
            assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
            assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
            assertNoHolds();
        } finally {
            ACCOUNT_SYSTEMS.set(0, fineractConnector);
        }
    }

    @Test
    void aMerchantPaymentIsCommitted() throws Exception {
        String transferId = pay(BAKARI, ELIA, "20.25", "PAYMENT");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("COMMITTED");
        assertThat(transfer.path("scenario").asText()).isEqualTo("PAYMENT");
        assertThat(account("dfsp1", "dfsp1-bakari-usd").balance()).isEqualByComparingTo("229.75");
        assertThat(account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo("20.25");
        assertNoHolds();
    }

    @Test
    void anUnknownPayeeEndsAbortedWith3204AndNothingMoves() throws Exception {
        String transferId = pay(ALICE, PartyId.of("MSISDN", "255799999999"), "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("3204");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    @Test
    void aTransferStartedAgainUnderItsIdIsTheOneRecordedFirstAndStartsNothing() throws Exception {
        // A batch's item or a request to pay names its transfer before it is recorded; a redelivery starts it again.
        Tenant dfsp1 = TENANTS.byName("dfsp1").orElseThrow();
        String transferId = java.util.UUID.randomUUID().toString();
        PayerTransfers.Started first = transfers.start(dfsp1,
                new TransferRequest(ALICE, DALILA, new BigDecimal("10"), "USD", "TRANSFER", "lunch", null), transferId);
        PayerTransfers.Started again = transfers.start(dfsp1,
                new TransferRequest(ALICE, ELIA, new BigDecimal("99"), "USD", "TRANSFER", "dinner", null), transferId);

        assertThat(first.created()).isTrue();
        assertThat(first.emits()).hasSize(1);
        assertThat(first.emits().get(0).priority()).as("a single transfer's step, ahead of batches'").isEqualTo(Emit.NORMAL_PRIORITY);
        assertThat(again.created()).isFalse();
        assertThat(again.emits()).as("nothing sent for the second start").isEmpty();
        assertThat(again.transfer().amount()).isEqualByComparingTo("10");
        assertThat(again.transfer().payee()).isEqualTo(DALILA);
        assertThat(store.steps(transferId)).extracting(StepJournal.Step::outcome).containsExactly("RECEIVED");
    }

    @Test
    void insufficientFundsEndAbortedWithNothingOnHold() throws Exception {
        String transferId = pay(BAKARI, DALILA, "300", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("4001");
        assertThat(account("dfsp1", "dfsp1-bakari-usd").balance()).isEqualByComparingTo("250");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
        assertNoHolds();
    }

    @Test
    void aSwitchErrorCallbackReleasesTheHold() throws Exception {
        switchDouble.transferError = "{\"errorInformation\":{\"errorCode\":\"5105\",\"errorDescription\":\"Payee FSP rejected transaction\"}}";
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("5105");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertThat(account("dfsp1", "dfsp1-alice-usd").availableBalance()).isEqualByComparingTo("1000");
        assertNoHolds();
        assertThat(store.steps(transferId)).extracting(StepJournal.Step::outcome).contains("RESERVED", "RELEASING", "ABORTED");
    }

    @Test
    void aQuoteLostOnItsWayIsSentAgainWithTheSameIdAndBodyAndTheTransferCommits() throws Exception {
        switchDouble.lose("POST", "quotes", 1);
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);

        assertThat(transfer.path("state").asText()).isEqualTo("COMMITTED");
        PayerTransfer recorded = store.find(transferId).orElseThrow();
        assertThat(switchDouble.seen()).filteredOn("POST /quotes"::equals).hasSize(2);
        assertThat(json.readTree(switchDouble.body("POST /quotes")).path("quoteId").asText()).isEqualTo(recorded.quoteId());
        assertThat(store.steps(transferId)).filteredOn(s -> s.step().equals("QUOTE")).extracting(StepJournal.Step::detail)
                .anySatisfy(detail -> assertThat(detail).contains("sent again (1 of 2)"));
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertNoHolds();
    }

    @Test
    void aLookupNeverAnsweredIsAskedThreeTimesThenTheTransferEndsAbortedWith2004AndNothingMoves() throws Exception {
        switchDouble.lose("GET", "parties", -1);
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);

        assertThat(transfer.path("state").asText()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("2004");
        assertThat(switchDouble.seen()).filteredOn(r -> r.startsWith("GET /parties/")).hasSize(3).containsOnly(
                "GET /parties/MSISDN/" + DALILA.value());
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    @Test
    void aTransferTheSwitchNeverReceivedIsReleasedAfterItsStatusIsAsked() throws Exception {
        switchDouble.loseTransfers = true;
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("3208");
        assertThat(store.steps(transferId)).extracting(StepJournal.Step::step).contains("STATUS_QUERY");
        assertThat(account("dfsp1", "dfsp1-alice-usd").availableBalance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    @Test
    void aTransferTheSwitchSaysExpiredIsReleasedEvenWhenItSaysSoToAStatusQuery() throws Exception {
        switchDouble.loseTransfers = true;
        switchDouble.statusError = "{\"errorInformation\":{\"errorCode\":\"3303\",\"errorDescription\":\"Transfer expired\"}}";
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);

        assertThat(transfer.path("state").asText()).isEqualTo("ABORTED");
        assertThat(transfer.path("failure").path("code").asText()).isEqualTo("3303");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    @Test
    void aSwitchThatNeverAnswersLeavesTheTransferUnknownWithItsHoldUntilAnOperatorResolvesIt() throws Exception {
        switchDouble.loseTransfers = true;
        switchDouble.silentOnStatus = true;
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("UNKNOWN");
        assertThat(account("dfsp1", "dfsp1-alice-usd").availableBalance()).isEqualByComparingTo("988.5");
        assertThat(store.steps(transferId)).filteredOn(s -> s.step().equals("STATUS_QUERY")).hasSize(3);

        send(transfers.resolve(transferId, PayerTransfers.Resolution.ABORTED, "the switch's report shows no such transfer"));

        JsonNode resolved = notified(transferId);
        assertThat(resolved.path("state").asText()).isEqualTo("ABORTED");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    @Test
    void anOperatorAsksTheSwitchAgainAboutAnUnknownTransferAndItsAnswerSettlesIt() throws Exception {
        switchDouble.loseTransfers = true;
        switchDouble.silentOnStatus = true;
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");
        assertThat(notified(transferId).path("state").asText()).isEqualTo("UNKNOWN");
        assertThatThrownBy(() -> transfers.askSwitch(UUID.randomUUID().toString(), "console:ops", null)).hasMessageContaining("is not UNKNOWN");

        // The switch answers again: it never saw the transfer (3208), so nothing was paid.
        switchDouble.silentOnStatus = false;
        transfers.askSwitch(transferId, "console:ops", "reconciliation: UNKNOWN_OUTCOME");

        JsonNode settled = notified(transferId);
        assertThat(settled.path("state").asText()).isEqualTo("ABORTED");
        assertThat(store.steps(transferId)).extracting(io.paymenthub.core.step.StepJournal.Step::step).containsSubsequence("ASK_SWITCH", "STATUS_QUERY",
                "RELEASE");
        assertThat(store.steps(transferId)).filteredOn(s -> s.step().equals("ASK_SWITCH")).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("console:ops", "reconciliation: UNKNOWN_OUTCOME"));
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
        assertThatThrownBy(() -> transfers.askSwitch(transferId, "console:ops", null)).hasMessageContaining("is not UNKNOWN");
    }

    @Test
    void anOperatorCannotCommitATransferWhoseHoldTheHubSetOutToRelease() throws Exception {
        switchDouble.loseTransfers = true;
        switchDouble.silentOnStatus = true;
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");
        assertThat(notified(transferId).path("state").asText()).isEqualTo("UNKNOWN");
        // As when a release fails with an error of Fineract's: the transfer goes back to UNKNOWN after RELEASING.
        assertThat(store.transition(transferId, TransferState.UNKNOWN, StateChange.to(TransferState.RELEASING, "RESOLVE"))).isTrue();
        assertThat(store.transition(transferId, TransferState.RELEASING, StateChange.to(TransferState.UNKNOWN, "RELEASE")
                .detail("release failed: Fineract answered 500"))).isTrue();

        // Fineract would debit on CREATE even if the release went through.
        assertThatThrownBy(() -> transfers.resolve(transferId, PayerTransfers.Resolution.COMMITTED, "the switch says committed"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("resolve it ABORTED");
        assertThatThrownBy(() -> transfers.askSwitch(transferId, "console:ops", "the switch may know"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("resolve it ABORTED");
        assertThat(store.find(transferId).orElseThrow().state()).isEqualTo(TransferState.UNKNOWN);
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
    }

    @Test
    void aCommittedWhoseFulfilmentDoesNotMeetTheConditionDebitsNothingAndLeavesTheTransferUnknownWithItsHold() throws Exception {
        switchDouble.forgedFulfilment = io.paymenthub.fspiop.ilp.Base64Url.encode(new byte[32]);
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("UNKNOWN");
        assertThat(store.find(transferId).orElseThrow().failureReason()).contains("fulfilment that does not meet");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).as("not debited").isEqualByComparingTo("1000");
        assertThat(account("dfsp1", "dfsp1-alice-usd").availableBalance()).as("the hold kept").isEqualByComparingTo("988.5");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");

        send(transfers.resolve(transferId, PayerTransfers.Resolution.ABORTED, "the switch's report shows it aborted"));
        assertThat(notified(transferId).path("state").asText()).isEqualTo("ABORTED");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    @Test
    void aTenantThatWantsConfirmationWaitsForThePayerThenPays() throws Exception {
        Map<String, Object> config = tenant("dfsp1", "dfsp1fsp");
        config.put("payer.confirmation", "true");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", config);
        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode quoted = notified(transferId);
        assertThat(quoted.path("state").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(quoted.path("payerDebit").path("amount").asText()).isEqualTo("11.5");
        assertThat(account("dfsp1", "dfsp1-alice-usd").availableBalance()).as("nothing held before the payer agrees")
                .isEqualByComparingTo("1000");

        send(transfers.confirm("dfsp1", transferId, true));

        assertThat(notified(transferId).path("state").asText()).isEqualTo("COMMITTED");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
    }

    @Test
    void aClientReferenceUsedBeforeGivesTheFirstTransferAndStartsNothing() throws Exception {
        Tenant dfsp1 = TENANTS.byName("dfsp1").orElseThrow();
        TransferRequest request = new TransferRequest(ALICE, DALILA, new BigDecimal("3"), "USD", "TRANSFER", null, "order-" + UUID.randomUUID());
        PayerTransfers.Started first = transfers.start(dfsp1, request);
        send(first.emits());
        PayerTransfers.Started again = transfers.start(dfsp1, request);

        assertThat(again.created()).isFalse();
        assertThat(again.emits()).isEmpty();
        assertThat(again.transfer().transferId()).isEqualTo(first.transfer().transferId());
        assertThat(notified(first.transfer().transferId()).path("state").asText()).isEqualTo("COMMITTED");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("995.5");
    }

    @Test
    void anOnUsTransferIsBookedInBothTenantsWithoutTheSwitch() throws Exception {
        Map<String, Object> config = tenant("dfsp1", "dfsp1fsp");
        config.put("onus.routing", "DIRECT");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", config);

        String transferId = pay(ALICE, DALILA, "10", "TRANSFER");

        JsonNode transfer = notified(transferId);
        assertThat(transfer.path("state").asText()).isEqualTo("COMMITTED");
        assertThat(transfer.path("payerDebit").path("amount").asText()).isEqualTo("11.5");
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertNoHolds();
        assertThat(switchDouble.seen()).as("only the lookup went to the switch").allSatisfy(request -> assertThat(request).contains("/parties/"));
        assertThat(store.find(transferId).orElseThrow().routing()).isEqualTo(PayerTransfer.Routing.ON_US);
        assertThat(store.steps(transferId)).extracting(StepJournal.Step::step).contains("CREDIT").doesNotContain("TRANSFER");
    }

    @Test
    void aTransferSentThroughTheSwitchIsMarkedSo() throws Exception {
        String transferId = pay(BAKARI, DALILA, "1", "TRANSFER");

        assertThat(notified(transferId).path("state").asText()).isEqualTo("COMMITTED");
        assertThat(store.find(transferId).orElseThrow().routing()).isEqualTo(PayerTransfer.Routing.SWITCH);
        assertThat(switchDouble.seen()).anySatisfy(request -> assertThat(request).isEqualTo("POST /transfers"));
    }

    /**
     * The hub stopped after recording a transfer's end and before its news went out: the message
     * the broker delivers again (a callback, or a step) finds the transfer final and sends the news
     * again; a callback delivered for the first time to a final transfer sends nothing.
     */
    @Test
    void aRedeliveredMessageThatFindsItsTransferFinalSendsItsNewsAgain() throws Exception {
        Tenant dfsp1 = TENANTS.byName("dfsp1").orElseThrow();
        String batchId = UUID.randomUUID().toString();
        PayerTransfer t = new PayerTransfers(store).start(dfsp1, new TransferRequest(ALICE, DALILA, new BigDecimal("3"), "USD", "TRANSFER",
                null, null, null, null, batchId), UUID.randomUUID().toString()).transfer();
        store.transition(t.transferId(), TransferState.RECEIVED, StateChange.to(TransferState.COMMITTED, "COMMIT"));
        AccountSystemDirectory accounts = new AccountSystemDirectory(ACCOUNT_SYSTEMS);
        PayerFlowSettings settings = PayerFlowSettings.ofSeconds(5, 5, 2, 1, 0, 1, 2, 60, 2, 5, 4);
        BulkGroups bulkGroups = new BulkGroups(TENANTS, accounts, store, new BulkGroupStore(store.dataSource()), settings);
        PayerReplyProcessor replies = new PayerReplyProcessor(TENANTS, accounts, store, bulkGroups);

        List<Emit> again = reply(replies, t.transferId(), true);
        List<Emit> once = reply(replies, t.transferId(), false);
        List<Emit> step = new PayerStepProcessor(TENANTS, accounts, store, settings, bulkGroups)
                .run(Map.of(PayerMessages.TRANSFER_ID, t.transferId(), PayerMessages.STATE, "FULFILLED"), true);

        assertThat(again).extracting(Emit::queue).containsExactly(PayerMessages.BATCH_PAYMENTS);
        assertThat(again.get(0).headers()).containsEntry(PayerMessages.BATCH_ID, batchId).containsEntry(PayerMessages.FINAL_STATE, "COMMITTED");
        assertThat(once).as("not redelivered: sent the first time").isEmpty();
        assertThat(step).extracting(Emit::queue).containsExactly(PayerMessages.BATCH_PAYMENTS);
    }

    /** dfsp1 paying its batches in FSPIOP bulk ({@code bulk.fspiop}), as the tests of bulk groups want it. */
    private Tenant payingInFspiopBulk() throws Exception {
        Map<String, Object> bulkTenant = tenant("dfsp1", "dfsp1fsp");
        bulkTenant.put("bulk.fspiop", "true");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", bulkTenant);
        return TENANTS.byName("dfsp1").orElseThrow();
    }

    /** The news of a batch's transfers, as the bulk flow reads them, by transfer id: at least {@code count} of them. */
    private Map<String, PayerMessages.Ended> batchNews(int count) {
        Map<String, PayerMessages.Ended> ended = new java.util.HashMap<>();
        while (ended.size() < count) {
            Exchange news = consumer.receive("jms:queue:" + PayerMessages.BATCH_PAYMENTS, 20_000);
            assertThat(news).as("the news of " + count + " batch transfers; so far " + ended.keySet()).isNotNull();
            PayerMessages.Ended one = PayerMessages.Ended.of(news.getMessage().getHeaders());
            ended.put(one.transferId(), one);
        }
        return ended;
    }

    /**
     * A tenant that pays batches in FSPIOP bulk: a batch's transfers whose payees were found at the
     * same FSP go in one bulk quote and one bulk transfer (the payee flow answering them per
     * transfer); each is held, committed and debited as a single transfer would be; a payee no FSP
     * holds ends its transfer before the group; a transfer from another batch goes in a group of its own.
     */
    @Test
    void aBatchsTransfersToOnePayeeFspGoInOneBulkQuoteAndOneBulkTransferEachDebitedOnce() throws Exception {
        Tenant dfsp1 = payingInFspiopBulk();
        switchDouble.heal();
        AccountSystem fineractConnector = ACCOUNT_SYSTEMS.get(0);
        List<String> holdThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> commitThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ACCOUNT_SYSTEMS.set(0, unavailableWhen(fineractConnector, (method, args) -> method.getName().equals("reserve")
                && holdThreads.add(Thread.currentThread().getName()) && false
                || method.getName().equals("commit") && commitThreads.add(Thread.currentThread().getName()) && false));
        String batchId = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        Map<String, PayerMessages.Ended> ended;
        try {
            for (String[] row : new String[][] {{"255710000001", "10"}, {"255799999999", "5"}, {"255710000002", "20"}}) {
                PayerTransfers.Started started = transfers.start(dfsp1, new TransferRequest(ALICE, PartyId.of("MSISDN", row[0]),
                        new BigDecimal(row[1]), "USD", "TRANSFER", "salary", null, null, null, batchId), UUID.randomUUID().toString());
                ids.add(started.transfer().transferId());
                send(started.emits());
            }

            ended = batchNews(3);
        } finally {
            ACCOUNT_SYSTEMS.set(0, fineractConnector);
        }

        assertThat(holdThreads).as("each member's hold in its part of the bulk quote's answer, after its fee").hasSize(2)
                .allMatch(thread -> thread.contains("payer-bulk"));
        assertThat(commitThreads).as("each member's commit in its part of the bulk transfer's answer").hasSize(2)
                .allMatch(thread -> thread.contains("payer-bulk"));

        assertThat(ended.get(ids.get(0)).finalState()).isEqualTo("COMMITTED");
        assertThat(ended.get(ids.get(1)).finalState()).isEqualTo("ABORTED");
        assertThat(ended.get(ids.get(1)).failureCode()).isEqualTo("3204");
        assertThat(ended.get(ids.get(2)).finalState()).isEqualTo("COMMITTED");
        assertThat(switchDouble.seen()).filteredOn(m -> m.startsWith("POST /bulkQuotes")).hasSize(1);
        assertThat(switchDouble.seen()).filteredOn(m -> m.startsWith("POST /bulkTransfers")).hasSize(1);
        assertThat(switchDouble.seen()).noneMatch(m -> m.startsWith("POST /quotes") || m.startsWith("POST /transfers"));
        JsonNode bulkQuote = json.readTree(switchDouble.body("POST /bulkQuotes"));
        assertThat(bulkQuote.path("individualQuotes")).hasSize(2);
        assertThat(bulkQuote.path("payer").path("partyIdInfo").path("partyIdentifier").asText()).isEqualTo(ALICE.value());
        JsonNode bulkTransfer = json.readTree(switchDouble.body("POST /bulkTransfers"));
        assertThat(bulkTransfer.path("bulkQuoteId").asText()).isEqualTo(bulkQuote.path("bulkQuoteId").asText());
        assertThat(bulkTransfer.path("individualTransfers")).extracting(n -> n.path("transferId").asText())
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        // 10 and 20 to the payees, each with the payer's fee of 1.5.
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("967");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertThat(account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo("20");
        assertNoHolds();
        assertThat(store.steps(ids.get(0))).extracting(StepJournal.Step::outcome).containsExactly(
                "RECEIVED", "LOOKUP_SENT", "PARTY_FOUND", "IN_BULK_QUOTE", "QUOTED", "RESERVED", "IN_BULK_TRANSFER", "FULFILLED", "COMMITTED");
        assertThat(store.find(ids.get(2)).orElseThrow().fulfilment()).isNotBlank();
    }

    /**
     * The answers to two batches' bulk quotes held up in core banking (each member's hold waits): they
     * hold the consumers of {@code payer.bulkReplies} only, so a single transfer started meanwhile is
     * looked up, quoted, held and committed while they wait, and both batches commit after.
     */
    @Test
    void aSingleTransferCommitsWhileTwoBulkQuotesAnswersWaitForCoreBanking() throws Exception {
        Tenant dfsp1 = payingInFspiopBulk();
        Set<String> members = ConcurrentHashMap.newKeySet();
        Semaphore holdsWaiting = new Semaphore(0);
        CountDownLatch coreBankingBack = new CountDownLatch(1);
        AccountSystem fineractConnector = ACCOUNT_SYSTEMS.get(0);
        ACCOUNT_SYSTEMS.set(0, unavailableWhen(fineractConnector, (method, args) -> {
            if (method.getName().equals("reserve") && members.contains(((TransferBooking) args[1]).transferCode())) {
                holdsWaiting.release();
                try {
                    coreBankingBack.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        }));
        NotifyBuilder bulkAnswers = new NotifyBuilder(context).fromRoute("payer-bulkReply").whenCompleted(4).create();
        try {
            for (Object[] row : new Object[][] {{DALILA, "3"}, {ELIA, "4"}}) {
                PayerTransfers.Started started = transfers.start(dfsp1, new TransferRequest(ALICE, (PartyId) row[0],
                        new BigDecimal((String) row[1]), "USD", "TRANSFER", "salary", null, null, null, UUID.randomUUID().toString()),
                        UUID.randomUUID().toString());
                members.add(started.transfer().transferId());
                send(started.emits());
            }
            assertThat(holdsWaiting.tryAcquire(2, 20, TimeUnit.SECONDS)).as("both groups' answers waiting for core banking").isTrue();

            String single = pay(ALICE, DALILA, "10", "TRANSFER");

            assertThat(notified(single).path("state").asText()).isEqualTo("COMMITTED");
            assertThat(holdsWaiting.availablePermits()).as("no other hold of the groups was asked meanwhile").isZero();
            assertThat(coreBankingBack.getCount()).as("the groups still waiting when the single transfer ended").isEqualTo(1);
        } finally {
            coreBankingBack.countDown();
        }
        try {
            Map<String, PayerMessages.Ended> ended = batchNews(2);
            assertThat(ended.values()).extracting(PayerMessages.Ended::finalState).containsExactly("COMMITTED", "COMMITTED");
        } finally {
            ACCOUNT_SYSTEMS.set(0, fineractConnector);
        }
        assertThat(bulkAnswers.matches(10, TimeUnit.SECONDS)).as("two bulk quotes' and two bulk transfers' answers on payer.bulkReplies")
                .isTrue();
        // 3 and 4 in the batches, 10 alone, each with the payer's fee of 1.5.
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("978.5");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("513");
        assertThat(account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo("4");
        assertNoHolds();
    }

    /**
     * Core banking unavailable half-way through a bulk quote's answers (the payer's fee of the
     * second transfer): the answer is delivered again, the transfers it had not reached move on,
     * and the one it had reached gets its step again, so both commit without waiting for the
     * stalled-step check.
     */
    @Test
    void aBulkQuotesAnswerRolledBackHalfWayMovesEveryTransferOnWhenDeliveredAgain() throws Exception {
        payingInFspiopBulk();
        AccountSystem fineractConnector = ACCOUNT_SYSTEMS.get(0);
        AtomicInteger payerFees = new AtomicInteger();
        ACCOUNT_SYSTEMS.set(0, unavailableWhen(fineractConnector, (method, args) -> method.getName().equals("quote")
                && ((io.paymenthub.core.account.QuoteBooking) args[1]).role() == io.paymenthub.core.account.Role.PAYER
                && payerFees.incrementAndGet() == 2));
        try {
            String batchId = UUID.randomUUID().toString();
            for (PartyId payee : List.of(DALILA, ELIA)) {
                send(transfers.start(TENANTS.byName("dfsp1").orElseThrow(), new TransferRequest(ALICE, payee, new BigDecimal("3"), "USD",
                        "TRANSFER", null, null, null, null, batchId), UUID.randomUUID().toString()).emits());
            }

            Map<String, PayerMessages.Ended> ended = batchNews(2);

            assertThat(ended.values()).extracting(PayerMessages.Ended::finalState).containsExactly("COMMITTED", "COMMITTED");
            assertThat(payerFees.get()).as("the second payer fee failed once and was asked again").isGreaterThanOrEqualTo(3);
            assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("991");
            assertNoHolds();
        } finally {
            ACCOUNT_SYSTEMS.set(0, fineractConnector);
        }
    }

    /**
     * A bulk quote's answer rolled back after one member ended in its part (core banking refused its
     * fee for want of funds) while another's fee failed for now: delivered again, it tells the batch
     * of the ended member again (its first news was rolled back with the answer) and moves the other on.
     */
    @Test
    void aBulkQuotesAnswerRolledBackAfterAMemberEndedTellsThatEndAgain() throws Exception {
        Tenant dfsp1 = payingInFspiopBulk();
        String batchId = UUID.randomUUID().toString();
        PayerTransfers.Started tooMuch = transfers.start(dfsp1, new TransferRequest(ALICE, DALILA, new BigDecimal("2000"), "USD",
                "TRANSFER", null, null, null, null, batchId), UUID.randomUUID().toString());
        PayerTransfers.Started paid = transfers.start(dfsp1, new TransferRequest(ALICE, ELIA, new BigDecimal("3"), "USD",
                "TRANSFER", null, null, null, null, batchId), UUID.randomUUID().toString());
        CountDownLatch refusedFeeAsked = new CountDownLatch(1);
        AtomicInteger paidFees = new AtomicInteger();
        AccountSystem fineractConnector = ACCOUNT_SYSTEMS.get(0);
        ACCOUNT_SYSTEMS.set(0, unavailableWhen(fineractConnector, (method, args) -> {
            if (!method.getName().equals("quote") || !(args[1] instanceof io.paymenthub.core.account.QuoteBooking quote)
                    || quote.role() != io.paymenthub.core.account.Role.PAYER) {
                return false;
            }
            if (quote.amount().amount().compareTo(new BigDecimal("2000")) == 0) {
                refusedFeeAsked.countDown();
                return false;
            }
            if (paidFees.incrementAndGet() > 1) {
                return false;
            }
            // Fails once the other member's fee is asked, so that its part ends it before the answer rolls back.
            try {
                return refusedFeeAsked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }));
        try {
            send(tooMuch.emits());
            send(paid.emits());

            Map<String, PayerMessages.Ended> ended = batchNews(2);

            assertThat(paidFees.get()).as("the fee failed once, the answer was delivered again").isGreaterThanOrEqualTo(2);
            assertThat(ended.get(tooMuch.transfer().transferId()).finalState()).isEqualTo("ABORTED");
            assertThat(ended.get(tooMuch.transfer().transferId()).failureCode()).isEqualTo("4001");
            assertThat(ended.get(paid.transfer().transferId()).finalState()).isEqualTo("COMMITTED");
            assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("995.5");
            assertNoHolds();
        } finally {
            ACCOUNT_SYSTEMS.set(0, fineractConnector);
        }
    }

    /** A tenant that sends bulk messages only to the payee FSPs it lists: a batch's rows to another FSP go one by one. */
    @Test
    void aBatchsRowsToAPayeeFspNotListedForBulkGoAsSingleTransfers() throws Exception {
        Map<String, Object> bulkTenant = tenant("dfsp1", "dfsp1fsp");
        bulkTenant.put("bulk.fspiop", "true");
        bulkTenant.put("bulk.fspiopPayeeFsps", "dfsp9fsp");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", bulkTenant);
        switchDouble.heal();
        String transferId = transfers.start(TENANTS.byName("dfsp1").orElseThrow(), new TransferRequest(ALICE, DALILA, new BigDecimal("2"),
                "USD", "TRANSFER", null, null, null, null, UUID.randomUUID().toString()), UUID.randomUUID().toString()).transfer()
                .transferId();
        send(List.of(PayerMessages.step(store.find(transferId).orElseThrow(), TransferState.RECEIVED)));

        assertThat(batchNews(1).get(transferId).finalState()).isEqualTo("COMMITTED");
        assertThat(switchDouble.seen()).anyMatch(m -> m.startsWith("POST /quotes")).noneMatch(m -> m.startsWith("POST /bulkQuotes"));
    }

    /** A payee FSP that refuses a whole bulk transfer: every transfer in it is released, nothing debited or credited. */
    @Test
    void aBulkTransferThePayeeFspRefusesReleasesEveryHoldInIt() throws Exception {
        Tenant dfsp1 = payingInFspiopBulk();
        switchDouble.transferError = "{\"errorInformation\":{\"errorCode\":\"5000\",\"errorDescription\":\"Generic payee error\"}}";
        String batchId = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (PartyId payee : List.of(DALILA, ELIA)) {
            PayerTransfers.Started started = transfers.start(dfsp1, new TransferRequest(ALICE, payee, new BigDecimal("7"), "USD",
                    "TRANSFER", null, null, null, null, batchId), UUID.randomUUID().toString());
            ids.add(started.transfer().transferId());
            send(started.emits());
        }

        Map<String, PayerMessages.Ended> ended = batchNews(2);

        assertThat(ended.values()).allSatisfy(e -> {
            assertThat(e.finalState()).isEqualTo("ABORTED");
            assertThat(e.failureCode()).isEqualTo("5000");
        });
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
        assertNoHolds();
    }

    /** A bulk quote never answered is sent again, same body, and then its transfers end ABORTED 2004 with nothing on hold. */
    @Test
    void aBulkQuoteNeverAnsweredIsSentAgainThenItsTransfersEndWithNothingHeld() throws Exception {
        Tenant dfsp1 = payingInFspiopBulk();
        switchDouble.lose("POST", "bulkQuotes", -1);
        String batchId = UUID.randomUUID().toString();
        for (PartyId payee : List.of(DALILA, ELIA)) {
            send(transfers.start(dfsp1, new TransferRequest(ALICE, payee, new BigDecimal("4"), "USD", "TRANSFER", null, null, null, null,
                    batchId), UUID.randomUUID().toString()).emits());
        }

        Map<String, PayerMessages.Ended> ended = batchNews(2);

        assertThat(ended.values()).allSatisfy(e -> {
            assertThat(e.finalState()).isEqualTo("ABORTED");
            assertThat(e.failureCode()).isEqualTo("2004");
            assertThat(e.failureReason()).as("the bulk quote's own wait, not a single quote's 5 s").endsWith("within 3 s");
        });
        assertThat(switchDouble.seen()).filteredOn(m -> m.equals("POST /bulkQuotes")).hasSize(3);
        assertThat(account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
        assertNoHolds();
    }

    /**
     * A bulk transfer lost on its way and a switch that never says what became of it: after the
     * status queries, its transfers are UNKNOWN with their holds kept, nothing debited or credited.
     */
    @Test
    void aBulkTransferNeverAnsweredLeavesItsTransfersUnknownWithTheirHolds() throws Exception {
        Tenant dfsp1 = payingInFspiopBulk();
        switchDouble.lose("POST", "bulkTransfers", -1);
        String batchId = UUID.randomUUID().toString();
        for (PartyId payee : List.of(DALILA, ELIA)) {
            send(transfers.start(dfsp1, new TransferRequest(ALICE, payee, new BigDecimal("4"), "USD", "TRANSFER", null, null, null, null,
                    batchId), UUID.randomUUID().toString()).emits());
        }

        Map<String, PayerMessages.Ended> ended = batchNews(2);

        assertThat(ended.values()).allSatisfy(e -> {
            assertThat(e.finalState()).isEqualTo("UNKNOWN");
            assertThat(e.failureCode()).isEqualTo("2004");
        });
        assertThat(switchDouble.seen()).filteredOn(m -> m.startsWith("GET /bulkTransfers/")).hasSize(2);
        assertThat(fineract.admin().holds("dfsp1")).as("both holds kept for an operator").hasSize(2);
        assertThat(account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
    }

    private List<Emit> reply(PayerReplyProcessor replies, String transferId, boolean redelivered) throws Exception {
        Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setHeader(io.paymenthub.connector.mojaloop.outbound.OutboundMessage.CORRELATION, transferId);
        exchange.getMessage().setHeader(io.paymenthub.connector.mojaloop.inbound.InboundMessage.RESOURCE, "transfers");
        exchange.getMessage().setHeader("JMSRedelivered", redelivered);
        exchange.getMessage().setBody("{\"transferState\":\"COMMITTED\"}");
        replies.process(exchange);
        @SuppressWarnings("unchecked")
        List<Emit> emits = exchange.getMessage().getBody(List.class);
        return emits;
    }
}
