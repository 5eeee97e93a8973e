package io.paymenthub.flow.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.fineract.FineractConnectorRouteBuilder;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestGate;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StepJournal;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.flow.payee.PayeeRouteBuilder;
import io.paymenthub.flow.payer.FlowsTestSupport;
import io.paymenthub.flow.payer.PayerFlowSettings;
import io.paymenthub.flow.payer.PayerMessages;
import io.paymenthub.flow.payer.PayerRouteBuilder;
import io.paymenthub.flow.payer.PayerTransfer;
import io.paymenthub.flow.payer.PayerTransferStore;
import io.paymenthub.flow.payer.PayerTransfers;
import io.paymenthub.flow.payer.SwitchDouble;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.flow.payer.TransferState;

/**
 * Both sides of requests to pay between tenants dfsp1 (payers Alice, Bakari) and dfsp2 (payees
 * Dalila, Elia) of one hub: the request flow's routes with the real payee and payer flows, the
 * real Fineract connector on the simulator, the journal on the machine's PostgreSQL, a real broker,
 * and a stand-in for the switch. What the channels would see is read from the events they are sent.
 */
class RequestFlowTest extends FlowsTestSupport {

    static PayerTransferStore transfers;
    static TransactionRequestStore requests;
    static DataSource payeeDataSource;

    static final PartyId ALICE = PartyId.of("MSISDN", "255700000001");
    static final PartyId BAKARI = PartyId.of("MSISDN", "255700000002");
    static final PartyId DALILA = PartyId.of("MSISDN", "255710000001");
    static final PartyId ELIA = PartyId.of("MSISDN", "255710000002");

    private final ObjectMapper json = new ObjectMapper();
    private final List<Message> events = new ArrayList<>();
    private SwitchDouble switchDouble;
    private PayeeRequests payeeSide;
    private PayerRequests payerSide;

    @BeforeAll
    static void start() throws Exception {
        transfers = new PayerTransferStore(postgres);
        requests = new TransactionRequestStore(postgres);
        payeeDataSource = postgres;
    }

    /** dfsp1 pays at most 5 without asking, refuses above 500, and gives its payers 2 s to answer. */
    @BeforeEach
    void reset() throws Exception {
        fineract.admin().resetAll();
        setTenants("SWITCH");
    }

    @AfterEach
    void healSwitch() {
        switchDouble.heal();
    }

    private static void setTenants(String onUsRouting) throws Exception {
        Map<String, Object> dfsp1 = TestTenantConfigs.valid("dfsp1", "dfsp1fsp", fineract.fineractUrl());
        dfsp1.put("onus.routing", onUsRouting);
        dfsp1.put("requests.autoAcceptUpTo", "5");
        dfsp1.put("requests.autoRejectAbove", "500");
        dfsp1.put("requests.answerWithinSeconds", "2");
        Map<String, Object> dfsp2 = TestTenantConfigs.valid("dfsp2", "dfsp2fsp", fineract.fineractUrl());
        dfsp2.put("onus.routing", onUsRouting);
        TENANTS.update("pid-1", "etc/dfsp1.cfg", dfsp1);
        TENANTS.update("pid-2", "etc/dfsp2.cfg", dfsp2);
    }

    @Override
    protected void flowProperties(Properties properties) {
        properties.put("request.consumers", "1");
        properties.put("request.deadlineCheckMillis", "200");
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        AccountSystemDirectory accounts = new AccountSystemDirectory(ACCOUNT_SYSTEMS);
        PayerFlowSettings payerSettings = PayerFlowSettings.ofSeconds(5, 5, 2, 5, 0, 1, 2, 60, 2, 5, 4);
        RequestFlowSettings settings = RequestFlowSettings.ofSeconds(5, 5, 2, 300, 5, 60);
        RequestJournal journal = new RequestJournal(requests, transfers);
        payeeSide = new PayeeRequests(TENANTS, accounts, journal, settings);
        payerSide = new PayerRequests(TENANTS, accounts, journal, new PayerTransfers(transfers), settings);
        switchDouble = new SwitchDouble(Map.of("dfsp1", "dfsp1fsp", "dfsp2", "dfsp2fsp"));
        return new RoutesBuilder[] {
            new FineractConnectorRouteBuilder(),
            PayeeRouteBuilder.on(TENANTS, accounts, payeeDataSource, 60, 4),
            PayerRouteBuilder.on(TENANTS, accounts, transfers, payerSettings),
            new RequestRouteBuilder(new RequestStepProcessor(payeeSide, requests), new RequestReplyProcessor(payeeSide, requests),
                    new PayeeEventProcessor(payeeSide), new InboundRequestProcessor(payerSide,
                            new FspiopRequestGate(new FspiopRequestJournal(payeeDataSource))), new RequestPaymentProcessor(payerSide),
                    new RequestDeadlineProcessor(payeeSide, payerSide, requests)),
            switchDouble
        };
    }

    /** dfsp2's channel asks, for its customer {@code payee}, {@code payer} for money. */
    private String ask(PartyId payer, PartyId payee, String amount, String scenario) throws Exception {
        Tenant dfsp2 = TENANTS.byName("dfsp2").orElseThrow();
        PayeeRequests.Created created = payeeSide.create(dfsp2, new TransferRequest(payer, payee, new BigDecimal(amount), "USD", scenario,
                "invoice 7", null), null);
        send(created.emits());
        return created.request().requestId();
    }

    private void send(List<Emit> emits) {
        for (Emit emit : emits) {
            template.sendBodyAndHeaders("jms:queue:" + emit.queue(), emit.body(), emit.headers());
        }
    }

    /** Waits for the channels' event telling that the tenant's side of the request reached the state, and returns its body. */
    private JsonNode notified(String tenant, String requestId, RequestState state) throws Exception {
        Message event = event(m -> requestId.equals(m.getHeader(RequestMessages.REQUEST_ID)) && tenant.equals(m.getHeader(PayerMessages.TENANT))
                && state.name().equals(m.getHeader(RequestMessages.REQUEST_STATE)), "request " + requestId + " " + state + " for " + tenant);
        return json.readTree(event.getBody(String.class));
    }

    /** Waits for the channels' event of the transfer's final state, and returns the state. */
    private String transferEnded(String transferId) throws Exception {
        return event(m -> transferId.equals(m.getHeader(PayerMessages.TRANSFER_ID)), "transfer " + transferId + " final")
                .getHeader(PayerMessages.FINAL_STATE, String.class);
    }

    /** The first event for the channels that matches, among those received so far and those to come within 30 s. */
    private Message event(Predicate<Message> wanted, String what) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        for (int seen = 0; ; seen++) {
            while (seen >= events.size()) {
                Exchange received = consumer.receive("jms:queue:" + PayerMessages.EVENTS, Math.max(1, end - System.currentTimeMillis()));
                if (received == null) {
                    throw new AssertionError("No event of " + what + "; journal: " + requests.findAll(what.split(" ")[1]));
                }
                events.add(received.getMessage());
            }
            if (wanted.test(events.get(seen))) {
                return events.get(seen);
            }
        }
    }

    private PayerTransfer transferPaying(String requestId) throws Exception {
        return transfers.find(requests.find("dfsp1", requestId, RequestRole.PAYER).orElseThrow().transferId()).orElseThrow();
    }

    private void assertNoHolds() {
        assertThat(fineract.admin().holds("dfsp1")).as("holds left on dfsp1").isEmpty();
        assertThat(fineract.admin().holds("dfsp2")).as("holds left on dfsp2").isEmpty();
    }

    @Test
    void aRequestThePayerAcceptsIsPaidCarryingItsIdAndThePayeeSeesTheAmountReceived() throws Exception {
        String requestId = ask(ALICE, DALILA, "10", "TRANSFER");

        JsonNode asked = notified("dfsp1", requestId, RequestState.AWAITING_PAYER);
        assertThat(asked.path("payee").path("name").asText()).isEqualTo("Dalila Omari");
        assertThat(asked.path("amount").path("amount").asText()).isEqualTo("10");
        send(payerSide.respond("dfsp1", requestId, true));
        JsonNode paid = notified("dfsp2", requestId, RequestState.PAID);

        assertThat(paid.path("amountReceived").path("amount").asText()).isEqualTo("10");
        PayerTransfer transfer = transferPaying(requestId);
        assertThat(paid.path("transferId").asText()).isEqualTo(transfer.transferId());
        assertThat(transfer.transactionRequestId()).isEqualTo(requestId);
        assertThat(transfer.transactionType().initiator()).isEqualTo("PAYEE");
        assertThat(transferEnded(transfer.transferId())).isEqualTo("COMMITTED");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertNoHolds();
        assertThat(payerSide.respond("dfsp1", requestId, true)).as("accepted once").isEmpty();
        assertThat(requests.steps(requests.find("dfsp2", requestId, RequestRole.PAYEE).orElseThrow()))
                .extracting(StepJournal.Step::outcome)
                .containsExactly("RECEIVED", "LOOKUP_SENT", "SENT", "AWAITING_PAYMENT", "AWAITING_PAYMENT", "PAID");
    }

    @Test
    void aRequestLostOnItsWayToThePayersFspIsSentAgainWithTheSameIdAndIsPaid() throws Exception {
        switchDouble.lose("POST", "transactionRequests", 1);
        String requestId = ask(ALICE, DALILA, "10", "TRANSFER");

        notified("dfsp1", requestId, RequestState.AWAITING_PAYER);
        send(payerSide.respond("dfsp1", requestId, true));
        JsonNode paid = notified("dfsp2", requestId, RequestState.PAID);

        assertThat(paid.path("amountReceived").path("amount").asText()).isEqualTo("10");
        assertThat(switchDouble.seen()).filteredOn("POST /transactionRequests"::equals).hasSize(2);
        assertThat(json.readTree(switchDouble.body("POST /transactionRequests")).path("transactionRequestId").asText())
                .isEqualTo(requestId);
        assertThat(requests.steps(requests.find("dfsp2", requestId, RequestRole.PAYEE).orElseThrow()))
                .extracting(StepJournal.Step::detail).anySatisfy(detail -> assertThat(detail).contains("sent again (1 of 2)"));
        // The payee is paid before the payer's side has its fulfilment and commits the debit.
        assertThat(transferEnded(transferPaying(requestId).transferId())).isEqualTo("COMMITTED");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertNoHolds();
    }

    @Test
    void aRequestThePayerRejectsEndsRefusedWith4101AndNothingMoves() throws Exception {
        String requestId = ask(ALICE, DALILA, "10", "TRANSFER");
        notified("dfsp1", requestId, RequestState.AWAITING_PAYER);

        send(payerSide.respond("dfsp1", requestId, false));
        JsonNode refused = notified("dfsp2", requestId, RequestState.REFUSED);

        assertThat(refused.path("failure").path("code").asText()).isEqualTo("4101");
        assertThat(refused.path("failure").path("reason").asText()).isEqualTo("Rejected by the payer");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("1000");
    }

    @Test
    void aRequestThePayerLeavesUnansweredExpiresOnBothSides() throws Exception {
        String requestId = ask(ALICE, DALILA, "10", "TRANSFER");
        notified("dfsp1", requestId, RequestState.AWAITING_PAYER);

        JsonNode expired = notified("dfsp2", requestId, RequestState.EXPIRED);

        assertThat(expired.path("failure").path("code").asText()).isEqualTo("3301");
        assertThat(requests.find("dfsp1", requestId, RequestRole.PAYER).orElseThrow().state()).isEqualTo(RequestState.EXPIRED);
        assertThat(payerSide.respond("dfsp1", requestId, true)).as("too late").isEmpty();
    }

    @Test
    void withinThePayersLimitAMerchantsRequestIsPaidWithoutAskingAndAboveItRefused() throws Exception {
        String small = ask(BAKARI, ELIA, "4.5", "PAYMENT");
        String large = ask(BAKARI, ELIA, "600", "PAYMENT");

        JsonNode paid = notified("dfsp2", small, RequestState.PAID);
        JsonNode refused = notified("dfsp2", large, RequestState.REFUSED);

        assertThat(paid.path("payee").path("type").asText()).isEqualTo("BUSINESS");
        assertThat(transferPaying(small).scenario()).isEqualTo("PAYMENT");
        assertThat(transferEnded(transferPaying(small).transferId())).isEqualTo("COMMITTED");
        assertThat(refused.path("failure").path("code").asText()).isEqualTo("4200");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-bakari-usd").balance()).isEqualByComparingTo("245.5");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo("4.5");
        assertNoHolds();
    }

    @Test
    void whenThePayersTransferFailsThePayeeIsToldAtOnceWithItsReason() throws Exception {
        String requestId = ask(BAKARI, DALILA, "400", "TRANSFER");
        notified("dfsp1", requestId, RequestState.AWAITING_PAYER);

        send(payerSide.respond("dfsp1", requestId, true));
        JsonNode refused = notified("dfsp2", requestId, RequestState.REFUSED);

        assertThat(refused.path("failure").path("code").asText()).as("insufficient funds").isEqualTo("4001");
        assertThat(transferPaying(requestId).state()).isEqualTo(TransferState.ABORTED);
        assertThat(fineract.admin().account("dfsp1", "dfsp1-bakari-usd").balance()).isEqualByComparingTo("250");
        assertNoHolds();
    }

    @Test
    void aRequestForAPayerNobodyHoldsFailsWithTheLookupsCode() throws Exception {
        String requestId = ask(PartyId.of("MSISDN", "255799999999"), DALILA, "10", "TRANSFER");

        JsonNode failed = notified("dfsp2", requestId, RequestState.FAILED);

        assertThat(failed.path("failure").path("code").asText()).isEqualTo("3204");
        assertThat(requests.find("dfsp1", requestId, RequestRole.PAYER)).isEmpty();
    }

    @Test
    void thePayersFspRefusesARequestForAnAccountItDoesNotHoldWithAnErrorCallback() throws Exception {
        String requestId = UUID.randomUUID().toString();
        NotifyBuilder answered = new NotifyBuilder(context).fromRoute("switch-double").whenDone(1).create();
        template.sendBodyAndHeaders("jms:queue:fspiop.requests.transactionRequests", """
                {"transactionRequestId":"%s","payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255710000001",
                 "fspId":"dfsp2fsp"}},"payer":{"partyIdType":"MSISDN","partyIdentifier":"255700009999","fspId":"dfsp1fsp"},
                 "amount":{"amount":"10","currency":"USD"},"transactionType":{"scenario":"TRANSFER","initiator":"PAYEE",
                 "initiatorType":"CONSUMER"}}
                """.formatted(requestId), Map.of(InboundMessage.TENANT, "dfsp1", InboundMessage.METHOD, "POST",
                InboundMessage.PATH, "/transactionRequests", InboundMessage.RESOURCE, "transactionRequests",
                InboundMessage.VERSION, "1.1", InboundMessage.SOURCE, "dfsp2fsp"));

        assertThat(answered.matches(10, TimeUnit.SECONDS)).as("the switch was answered").isTrue();
        String error = switchDouble.body("PUT /transactionRequests/" + requestId + "/error");
        assertThat(error).as("an error callback").isNotNull();
        assertThat(json.readTree(error).path("errorInformation").path("errorCode").asText()).isEqualTo("3204");
        assertThat(requests.find("dfsp1", requestId, RequestRole.PAYER)).as("nothing recorded").isEmpty();
    }

    @Test
    void betweenTenantsThatBookOnUsDirectlyTheRequestIsStillToldItWasPaid() throws Exception {
        setTenants("DIRECT");
        String requestId = ask(ALICE, DALILA, "10", "TRANSFER");
        notified("dfsp1", requestId, RequestState.AWAITING_PAYER);

        send(payerSide.respond("dfsp1", requestId, true));
        JsonNode paid = notified("dfsp2", requestId, RequestState.PAID);

        assertThat(paid.path("amountReceived").path("amount").asText()).isEqualTo("10");
        assertThat(transferPaying(requestId).routing()).isEqualTo(PayerTransfer.Routing.ON_US);
        assertThat(transferEnded(transferPaying(requestId).transferId())).isEqualTo("COMMITTED");
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance()).isEqualByComparingTo("988.5");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
    }

    /**
     * The hub stopped after recording a request's end and before the channel's news left: the
     * callback the broker delivers again finds the request ended and sends the news again; the
     * same callback delivered for the first time sends nothing.
     */
    @Test
    void aRedeliveredCallbackThatFindsItsRequestEndedSendsItsNewsAgain() throws Exception {
        String requestId = ask(ALICE, DALILA, "3", "TRANSFER"); // dfsp1 pays up to 5 without asking
        notified("dfsp2", requestId, RequestState.PAID);
        RequestReplyProcessor replies = new RequestReplyProcessor(payeeSide, requests);

        List<Emit> again = answerAgain(replies, requestId, true);
        List<Emit> first = answerAgain(replies, requestId, false);

        assertThat(again).singleElement().satisfies(news -> {
            assertThat(news.queue()).isEqualTo(PayerMessages.EVENTS);
            assertThat(news.headers()).containsEntry(RequestMessages.REQUEST_STATE, "PAID").containsEntry(PayerMessages.TENANT, "dfsp2");
        });
        assertThat(first).isEmpty();
    }

    private List<Emit> answerAgain(RequestReplyProcessor replies, String requestId, boolean redelivered) throws Exception {
        Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setHeader(InboundMessage.TENANT, "dfsp2");
        exchange.getMessage().setHeader(io.paymenthub.connector.mojaloop.outbound.OutboundMessage.CORRELATION, requestId);
        exchange.getMessage().setHeader(InboundMessage.RESOURCE, RequestSwitchMessages.RESOURCE);
        exchange.getMessage().setHeader("JMSRedelivered", redelivered);
        exchange.getMessage().setBody("{\"transactionRequestState\":\"RECEIVED\"}");
        replies.process(exchange);
        @SuppressWarnings("unchecked")
        List<Emit> emits = exchange.getMessage().getBody(List.class);
        return emits;
    }
}
