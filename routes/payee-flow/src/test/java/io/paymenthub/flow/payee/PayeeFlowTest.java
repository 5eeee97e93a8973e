package io.paymenthub.flow.payee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.fineract.FineractAccountSystem;
import io.paymenthub.connector.fineract.FineractConnectorRouteBuilder;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.broker.TestBroker;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.step.AtOnce;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import io.paymenthub.fspiop.ilp.IlpCrypto;

/**
 * The payee flow with the real Fineract connector on the Fineract simulator (tenants dfsp1 and
 * dfsp2 of the lab seed) and a real embedded broker: the switch's requests go in on the queues the
 * dispatcher fills, the answers come out on fspiop.outbound; balances are read from the simulator.
 */
class PayeeFlowTest extends CamelTestSupport {

    static FineractSimulator fineract;
    static TestBroker broker;
    static final TenantRegistry TENANTS = new TenantRegistry();
    static final List<AccountSystem> ACCOUNT_SYSTEMS = new ArrayList<>();
    static PayeeReservations reservations;
    static PayeeQuotes quotes;
    static DataSource payeeDataSource;
    static final AtOnceSwitch AT_ONCE = new AtOnceSwitch();

    /** The connector's sender as the flow sees it: off unless a test turns it on, the answers it took recorded. */
    static final class AtOnceSwitch implements AtOnce {
        volatile boolean takes;
        final List<Map<String, Object>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public boolean send(String queue, Map<String, Object> headers, String body) {
            if (!takes || !OutboundMessage.QUEUE.equals(queue)) {
                return false;
            }
            Map<String, Object> message = new HashMap<>(headers);
            message.put("body", body);
            sent.add(message);
            return true;
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        broker = TestBroker.start("payee-test");
        TENANTS.update("pid-1", "etc/dfsp1.cfg", tenant("dfsp1", "dfsp1fsp"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", tenant("dfsp2", "dfsp2fsp"));
        payeeDataSource = TestDatabases.postgres();
        new SchemaMigrator(payeeDataSource).migrate();
        reservations = new PayeeReservations(payeeDataSource);
        quotes = new PayeeQuotes(payeeDataSource);
    }

    static Map<String, Object> tenant(String name, String fspId) {
        Map<String, Object> config = TestTenantConfigs.valid(name, fspId, fineract.fineractUrl());
        config.put("ilp.secret", name + "-ilp-secret-0123456789");
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
        fineract.close();
    }

    @BeforeEach
    void resetFineract() {
        fineract.admin().resetAll();
        AT_ONCE.takes = false;
        AT_ONCE.sent.clear();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("payee.consumers", "1");
        properties.put("fineract.retry.maximumRedeliveries", "0");
        properties.put("fineract.stepTimeoutMillis", "10000");
        properties.put("fineract.retry.delayMillis", "10");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        context.addComponent("http", new HttpComponent());
        ACCOUNT_SYSTEMS.clear();
        ACCOUNT_SYSTEMS.add(new FineractAccountSystem(context, 1000));
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        AccountSystemDirectory accounts = new AccountSystemDirectory(ACCOUNT_SYSTEMS);
        return new RoutesBuilder[] {
            new FineractConnectorRouteBuilder(),
            PayeeRouteBuilder.on(TENANTS, accounts, payeeDataSource, 60, 4, List.of(AT_ONCE))
        };
    }

    private void fromSwitch(String queue, String tenant, String method, String path, String body) {
        fromSwitch(queue, tenant, method, path, body, "1.1");
    }

    private void fromSwitch(String queue, String tenant, String method, String path, String body, String version) {
        fromSwitch(queue, tenant, method, path, body, version, "payerfsp");
    }

    private void fromSwitch(String queue, String tenant, String method, String path, String body, String version, String source) {
        fromSwitch(queue, tenant, method, path, body, version, source, UUID.randomUUID().toString());
    }

    /** As the inbound API hands a request on: with a receipt of its own, which the same stored message keeps when redelivered. */
    private void fromSwitch(String queue, String tenant, String method, String path, String body, String version, String source,
                            String receipt) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(InboundMessage.RECEIPT, receipt);
        headers.put(InboundMessage.METHOD, method);
        headers.put(InboundMessage.PATH, path);
        headers.put(InboundMessage.RESOURCE, path.split("/")[1]);
        headers.put(InboundMessage.VERSION, version);
        headers.put(InboundMessage.TENANT, tenant);
        headers.put(InboundMessage.SOURCE, source);
        template.sendBodyAndHeaders("jms:queue:" + queue, body == null ? "" : body, headers);
    }

    private Exchange answer() {
        Exchange answer = consumer.receive("jms:queue:" + OutboundMessage.QUEUE, 10_000);
        assertThat(answer).as("an answer to the switch").isNotNull();
        return answer;
    }

    /**
     * What the payee flow told the request-to-pay flow so far: sent in the answer's transaction, it is
     * on the queue once the answer is (the timeout only covers the consumer's first fetch).
     */
    private List<PayeeEvent> payeeEvents() {
        List<PayeeEvent> events = new ArrayList<>();
        for (Exchange e = consumer.receive("jms:queue:" + PayeeEvent.QUEUE, 500); e != null;
             e = consumer.receive("jms:queue:" + PayeeEvent.QUEUE, 500)) {
            events.add(PayeeEvent.fromHeaders(e.getMessage().getHeaders()));
        }
        return events;
    }

    private static String quote(String quoteId, String msisdn, String amount, String currency) {
        return """
                {"quoteId":"%s","transactionId":"%s",
                 "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"%s","fspId":"dfsp2fsp"}},
                 "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000001","fspId":"payerfsp"}},
                 "amountType":"SEND","amount":{"amount":"%s","currency":"%s"},
                 "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"},"note":"rent"}
                """.formatted(quoteId, UUID.randomUUID(), msisdn, amount, currency);
    }

    @Test
    void aLookupForAnyTenantIsAnsweredByTheTenantThatHoldsTheParty() throws Exception {
        fromSwitch("fspiop.requests.parties", "*", "GET", "/parties/MSISDN/255710000001", null);

        Exchange answer = answer();
        assertThat(answer.getMessage().getHeaders())
                .containsEntry(OutboundMessage.METHOD, "PUT")
                .containsEntry(OutboundMessage.PATH, "/parties/MSISDN/255710000001")
                .containsEntry(OutboundMessage.TENANT, "dfsp2")
                .containsEntry(OutboundMessage.DESTINATION, "payerfsp")
                .containsEntry(OutboundMessage.VERSION, "1.1");
        JsonNode party = json.readTree(answer.getMessage().getBody(String.class)).path("party");
        assertThat(party.path("partyIdInfo").path("fspId").asText()).isEqualTo("dfsp2fsp");
        assertThat(party.path("name").asText()).isEqualTo("Dalila Omari");
        assertThat(party.path("personalInfo").path("complexName").path("firstName").asText()).isEqualTo("Dalila");
    }

    @Test
    void anUnknownPartyIsAnswered3204() throws Exception {
        fromSwitch("fspiop.requests.parties", "dfsp2", "GET", "/parties/MSISDN/255799999999", null);

        Exchange answer = answer();
        assertThat(answer.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/parties/MSISDN/255799999999/error");
        assertThat(answer.getMessage().getBody(String.class)).contains("\"errorCode\":\"3204\"");
    }

    @Test
    void aQuotedTransferIsCheckedCreditedOnceAndCommittedWithTheFulfilmentOfTheCondition() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        String quoteRequest = quote(quoteId, "255710000001", "10.5", "USD");
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quoteRequest);

        Exchange quoted = answer();
        assertThat(quoted.getMessage().getHeaders()).containsEntry(OutboundMessage.PATH, "/quotes/" + quoteId)
                .as("recorded with the quote, not again as it goes out").doesNotContainKey(OutboundMessage.ANSWERS_ID);
        assertThat(recordedAnswer("quotes", quoteId)).as("what a resend of the quote gets")
                .isEqualTo(quoted.getMessage().getBody(String.class));
        JsonNode quote = json.readTree(quoted.getMessage().getBody(String.class));
        assertThat(quote.path("transferAmount").path("amount").asText()).isEqualTo("10.5");
        assertThat(quote.path("payeeReceiveAmount").path("amount").asText()).isEqualTo("10.5");
        assertThat(quote.has("payeeFspFee")).isFalse();

        String transferId = UUID.randomUUID().toString();
        String transfer = """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"dfsp2fsp","amount":{"amount":"10.5","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"%s"}
                """.formatted(transferId, quote.path("ilpPacket").asText(), quote.path("condition").asText(), quote.path("expiration").asText());
        String receipt = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transfer, "1.1", "payerfsp", receipt);

        Exchange committed = answer();
        assertThat(committed.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/transfers/" + transferId);
        JsonNode result = json.readTree(committed.getMessage().getBody(String.class));
        assertThat(result.path("transferState").asText()).isEqualTo("COMMITTED");
        assertThat(IlpCrypto.verifyFulfilment(result.path("fulfilment").asText(), quote.path("condition").asText())).isTrue();
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.5");

        assertThat(committed.getMessage().getHeaders()).doesNotContainKey(OutboundMessage.ANSWERS_ID);
        assertThat(recordedAnswer("transfers", transferId)).as("recorded with the credit")
                .isEqualTo(committed.getMessage().getBody(String.class));

        // The broker delivers the transfer again (as after a crash between the database's commit and the broker's):
        // the recorded answer again, credited once.
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transfer, "1.1", "payerfsp", receipt);
        assertThat(answer().getMessage().getBody(String.class)).isEqualTo(committed.getMessage().getBody(String.class));
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.5");
        // A payment that pays no request to pay is nobody else's business: nothing goes to the request flow.
        assertThat(payeeEvents()).extracting(PayeeEvent::transferId).doesNotContain(transferId);
        assertThat(recordedCredit(transferId)).as("what end-of-day reconciliation compares").containsExactly("dfsp2-dalila-usd", "10.5",
                "USD", "credited");
    }

    /**
     * The payee's number leaves core banking between the quote and the transfer: the transfer
     * credits the account the quote was issued for (whose holder the payer was shown), without
     * asking core banking for the number again.
     */
    @Test
    void aTransferCreditsTheAccountItsQuoteWasIssuedForWithoutLookingThePayeeUpAgain() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quote(quoteId, "255710000001", "10.5", "USD"));
        JsonNode quote = json.readTree(answer().getMessage().getBody(String.class));
        fineract.admin().removeIdentifier("dfsp2", "MSISDN", "255710000001");

        String transferId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"dfsp2fsp","amount":{"amount":"10.5","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"%s"}
                """.formatted(transferId, quote.path("ilpPacket").asText(), quote.path("condition").asText(),
                quote.path("expiration").asText()), "1.1", "payerfsp");

        assertThat(json.readTree(answer().getMessage().getBody(String.class)).path("transferState").asText()).isEqualTo("COMMITTED");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.5");
        assertThat(recordedCredit(transferId)).containsExactly("dfsp2-dalila-usd", "10.5", "USD", "credited");
    }

    @Test
    void answersGoToTheSwitchAtOnceWhenTheConnectorTakesThemAndNothingIsQueued() throws Exception {
        AT_ONCE.takes = true;
        String quoteId = UUID.randomUUID().toString();
        NotifyBuilder quoted = new NotifyBuilder(context).fromRoute("payee-quote").whenCompleted(1).create();
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quote(quoteId, "255710000001", "10.5", "USD"));
        assertThat(quoted.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(AT_ONCE.sent).singleElement().satisfies(sent -> {
            assertThat(sent).containsEntry(OutboundMessage.METHOD, "PUT").containsEntry(OutboundMessage.PATH, "/quotes/" + quoteId)
                    .containsEntry(OutboundMessage.TENANT, "dfsp2").containsEntry(OutboundMessage.DESTINATION, "payerfsp")
                    .containsEntry(OutboundMessage.VERSION, "1.1");
            assertThat(recordedAnswer("quotes", quoteId)).as("recorded before it went out").isEqualTo(sent.get("body"));
        });
        JsonNode quote = json.readTree((String) AT_ONCE.sent.get(0).get("body"));

        String transferId = UUID.randomUUID().toString();
        NotifyBuilder credited = new NotifyBuilder(context).fromRoute("payee-transfer").whenCompleted(1).create();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"dfsp2fsp","amount":{"amount":"10.5","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"%s"}
                """.formatted(transferId, quote.path("ilpPacket").asText(), quote.path("condition").asText(),
                quote.path("expiration").asText()), "1.1", "payerfsp");
        assertThat(credited.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(AT_ONCE.sent).hasSize(2);
        assertThat(AT_ONCE.sent.get(1)).containsEntry(OutboundMessage.PATH, "/transfers/" + transferId);
        assertThat(json.readTree((String) AT_ONCE.sent.get(1).get("body")).path("transferState").asText()).isEqualTo("COMMITTED");
        assertThat(recordedAnswer("transfers", transferId)).isEqualTo(AT_ONCE.sent.get(1).get("body"));
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.5");
        assertThat(consumer.receiveNoWait("jms:queue:" + OutboundMessage.QUEUE)).as("nothing crossed the queue").isNull();
    }

    @Test
    void anAnswerTheConnectorCouldNotSendAtOnceIsQueuedInTheRequestsTransaction() throws Exception {
        AT_ONCE.takes = false; // the switch away, slow, or the breaker open: the sender says no
        fromSwitch("fspiop.requests.parties", "dfsp2", "GET", "/parties/MSISDN/255710000001", null);

        assertThat(answer().getMessage().getHeaders()).containsEntry(OutboundMessage.PATH, "/parties/MSISDN/255710000001")
                .containsEntry(OutboundMessage.TENANT, "dfsp2");
        assertThat(AT_ONCE.sent).isEmpty();
    }

    /** The callback recorded as the answer to a request of the switch to dfsp2, which a resend of it gets. */
    private static String recordedAnswer(String resource, String id) throws java.sql.SQLException {
        FspiopRequestJournal.Registration registration = new FspiopRequestJournal(payeeDataSource).lookup("dfsp2", resource, id)
                .orElseThrow();
        assertThat(registration.disposition()).isEqualTo(FspiopRequestJournal.Disposition.ANSWERED);
        return registration.callbackBody();
    }

    /** The account, amount, currency and whether a credit time is recorded for a transfer of the switch. */
    private static java.util.List<String> recordedCredit(String transferId) throws java.sql.SQLException {
        try (java.sql.Connection c = payeeDataSource.getConnection(); java.sql.PreparedStatement select = c.prepareStatement(
                "SELECT account_id, amount, currency, credited_at FROM hub_payee_transaction WHERE transfer_id = ?")) {
            select.setString(1, transferId);
            try (java.sql.ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("transfer " + transferId + " bound to its quote").isTrue();
                return java.util.Arrays.asList(rs.getString(1), rs.getBigDecimal(2) == null ? null
                        : rs.getBigDecimal(2).stripTrailingZeros().toPlainString(), rs.getString(3),
                        rs.getTimestamp(4) == null ? "not credited" : "credited");
            }
        }
    }

    /**
     * A quote request processed twice (its first delivery waiting for a redelivery when the switch's
     * resend was taken over) is answered the same both times: the expiration counts from when the
     * request first came, so the packet and condition are the same, and the quote recorded last is
     * the one the payer FSP accepts whichever answer it took.
     */
    @Test
    void aQuoteRequestProcessedTwiceIsAnsweredTheSameFromWhenItFirstCame() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        java.time.Instant firstCame = java.time.Instant.now().minusSeconds(7).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        PayeeQuoteProcessor processor = new PayeeQuoteProcessor(TENANTS, new AccountSystemDirectory(ACCOUNT_SYSTEMS), quotes, 60);
        String request = quote(quoteId, "255710000001", "10", "USD");
        // Registered by the gate when it first came, as every POST /quotes is before its flow runs.
        new FspiopRequestJournal(payeeDataSource).register("dfsp2", "quotes", quoteId, FspiopRequestJournal.hash(request), "1.1",
                "payerfsp", UUID.randomUUID().toString());
        List<String> answers = new ArrayList<>();
        for (int delivery = 0; delivery < 2; delivery++) {
            Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
            exchange.getMessage().setHeaders(new HashMap<>(Map.of(InboundMessage.RECEIPT, UUID.randomUUID().toString(),
                    InboundMessage.METHOD, "POST", InboundMessage.PATH, "/quotes", InboundMessage.RESOURCE, "quotes",
                    InboundMessage.VERSION, "1.1", InboundMessage.TENANT, "dfsp2", InboundMessage.SOURCE, "payerfsp",
                    io.paymenthub.connector.mojaloop.dispatch.FspiopRequestGate.REGISTERED_AT, firstCame)));
            exchange.getMessage().setBody(request);
            processor.process(exchange);
            answers.add(exchange.getMessage().getBody(Emit.class).body());
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        JsonNode answer = json.readTree(answers.get(0));
        assertThat(java.time.Instant.parse(answer.path("expiration").asText())).isEqualTo(firstCame.plusSeconds(60));
        assertThat(quotes.find("dfsp2", quoteId).orElseThrow().condition()).isEqualTo(answer.path("condition").asText());
    }

    /**
     * The hub's database fails between core banking's deposit and its record (as when PostgreSQL goes
     * away, or the node dies): the broker delivers the transfer again, after its expiry. It must be
     * answered COMMITTED, as the deposit stands: refusing it as expired would release the payer while
     * the payee keeps the money.
     */
    @Test
    void aCreditWhoseRecordFailedIsAnsweredCommittedWhenDeliveredAgainAfterItsExpiry() throws Exception {
        JsonNode quote = quoted("255710000001", "10");
        String transferId = UUID.randomUUID().toString();
        JsonNode transfer = json.readTree(transferFor(quote, transferId, "10"));
        PayeeQuotes recordFails = new PayeeQuotes(payeeDataSource) {
            @Override
            public void recordCredit(String tenant, io.paymenthub.core.account.TransferBooking credit, java.time.Instant at,
                                     java.util.Optional<FspiopRequestJournal.Answer> answer) throws java.sql.SQLException {
                throw new java.sql.SQLTransientConnectionException("the database went away");
            }
        };
        io.paymenthub.core.tenant.Tenant dfsp2 = TENANTS.byName("dfsp2").orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> processorAt(java.time.Instant.now(), recordFails)
                .credit(dfsp2, "payerfsp", transfer, false, false)).isInstanceOf(java.sql.SQLException.class);
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertThat(recordedCredit(transferId)).containsExactly("dfsp2-dalila-usd", null, null, "not credited");

        PayeeTransferProcessor.Outcome late = processorAt(afterExpiryOf(transfer), quotes).credit(dfsp2, "payerfsp", transfer, false, false);

        assertThat(late.isRefused()).as("refused: %s", late.refusal()).isFalse();
        assertThat(late.reserved()).isFalse();
        assertThat(IlpCrypto.verifyFulfilment(late.fulfilment(), quote.path("condition").asText())).isTrue();
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).as("credited once").isEqualByComparingTo("510");
        assertThat(recordedCredit(transferId)).containsExactly("dfsp2-dalila-usd", "10", "USD", "credited");

        // Delivered once more: answered the same from the record, still one credit.
        assertThat(processorAt(afterExpiryOf(transfer), quotes).credit(dfsp2, "payerfsp", transfer, false, false).isRefused()).isFalse();
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
    }

    /** A transfer bound by a delivery that never reached core banking is refused as expired, and its transaction freed. */
    @Test
    void aTransferBoundButNeverCreditedIsRefusedAsExpiredWhenDeliveredAgainAfterItsExpiry() throws Exception {
        JsonNode quote = quoted("255710000001", "10");
        String transferId = UUID.randomUUID().toString();
        JsonNode transfer = json.readTree(transferFor(quote, transferId, "10"));
        bindAsAnEarlierDelivery(quote, transferId);

        PayeeTransferProcessor.Outcome late = processorAt(afterExpiryOf(transfer), quotes)
                .credit(TENANTS.byName("dfsp2").orElseThrow(), "payerfsp", transfer, false, false);

        assertThat(late.isRefused()).isTrue();
        // The transfer expires with its quote (the packet's expiry): the quote's expiry is the answer's error.
        assertThat(late.refusal().errorCode()).isEqualTo("3302");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
        assertThat(quotes.claimant("dfsp2", quotes.find("dfsp2", quoteIdOf(quote)).orElseThrow().transactionId())).isEmpty();
    }

    /**
     * The switch aborts a transfer while its delivery is under way (its deposit booked, its record
     * not): the abort is kept, the delivery again books nothing new and answers as the deposit stands,
     * and the credit is one reconciliation lists as aborted by the switch. Without a deposit, nothing is credited.
     */
    @Test
    void aTransferTheSwitchAbortedDuringItsDeliveryIsCreditedOnlyIfCoreBankingAlreadyHadIt() throws Exception {
        JsonNode deposited = quoted("255710000001", "10");
        String depositedId = UUID.randomUUID().toString();
        bindAsAnEarlierDelivery(deposited, depositedId);
        fineract.admin().bookInterop("dfsp2", "dfsp2-dalila-usd", true, new BigDecimal("10"), depositedId);
        JsonNode neverDeposited = quoted("255710000001", "4");
        String neverDepositedId = UUID.randomUUID().toString();
        bindAsAnEarlierDelivery(neverDeposited, neverDepositedId);
        NotifyBuilder told = new NotifyBuilder(context).fromRoute("payee-transfer-notification").whenCompleted(2).create();
        for (String transferId : List.of(depositedId, neverDepositedId)) {
            fromSwitch("fspiop.callbacks.transfers", "dfsp2", "PUT", "/transfers/" + transferId + "/error",
                    "{\"errorInformation\":{\"errorCode\":\"3303\",\"errorDescription\":\"Transfer expired\"}}", "1.1", "switch");
        }
        assertThat(told.matches(10, java.util.concurrent.TimeUnit.SECONDS)).as("the switch's errors handled").isTrue();

        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(deposited, depositedId, "10"));
        JsonNode answered = json.readTree(answer().getMessage().getBody(String.class));
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(neverDeposited, neverDepositedId, "4"));

        assertThat(answered.path("transferState").asText()).isEqualTo("COMMITTED");
        assertThat(errorCodeOf(answer(), neverDepositedId)).isEqualTo("5105");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).as("the one deposit, once").isEqualByComparingTo("510");
        assertThat(recordedCredit(depositedId)).containsExactly("dfsp2-dalila-usd", "10", "USD", "credited");
        assertThat(quotes.boundTransfer("dfsp2", depositedId).orElseThrow().switchAborted()).isTrue();
        assertThat(quotes.boundTransfer("dfsp2", neverDepositedId)).isEmpty();
    }

    private PayeeTransferProcessor processorAt(java.time.Instant now, PayeeQuotes quoteRecords) {
        return new PayeeTransferProcessor(TENANTS, new AccountSystemDirectory(ACCOUNT_SYSTEMS), reservations, quoteRecords,
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    private static java.time.Instant afterExpiryOf(JsonNode transfer) {
        return java.time.Instant.parse(transfer.path("expiration").asText()).plusSeconds(60);
    }

    /** Binds a transfer to its quote as a delivery does before it goes to core banking. */
    private void bindAsAnEarlierDelivery(JsonNode quote, String transferId) throws Exception {
        PayeeQuotes.IssuedQuote issued = quotes.find("dfsp2", quoteIdOf(quote)).orElseThrow();
        PayeeQuotes.Binding binding = quotes.bind("dfsp2", new PayeeQuotes.TransferTerms(transferId, issued.quoteId(),
                issued.transactionId(), issued.payerFsp(), issued.transferAmount(), issued.condition()), Optional.of(issued), "dfsp2-dalila-usd",
                java.time.Instant.now());
        assertThat(binding.isRefused()).isFalse();
    }

    @Test
    void aTransferThatPaysARequestToPayIsToldToTheRequestFlowWithItsQuote() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        String quoteRequest = quote(quoteId, "255710000001", "7", "USD").replace("\"note\":\"rent\"",
                "\"note\":\"rent\",\"transactionRequestId\":\"" + requestId + "\"");
        payeeEvents();
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quoteRequest);
        JsonNode quote = json.readTree(answer().getMessage().getBody(String.class));
        String transferId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, transferId, "7"));
        assertThat(json.readTree(answer().getMessage().getBody(String.class)).path("transferState").asText()).isEqualTo("COMMITTED");

        List<PayeeEvent> events = payeeEvents();
        assertThat(events).extracting(PayeeEvent::kind).containsExactly(PayeeEvent.Kind.QUOTED, PayeeEvent.Kind.CREDITED);
        assertThat(events.get(0).transactionRequestId()).isEqualTo(requestId);
        assertThat(events.get(1).transferId()).isEqualTo(transferId);
        assertThat(events.get(1).transactionId()).isEqualTo(events.get(0).transactionId());
        assertThat(events.get(1).amount()).isEqualByComparingTo("7");
    }

    @Test
    void aTransferThatDoesNotMatchItsQuoteIsRefusedBeforeAnyCredit() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quote(quoteId, "255710000001", "10", "USD"));
        JsonNode quote = json.readTree(answer().getMessage().getBody(String.class));
        String transferId = UUID.randomUUID().toString();

        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"dfsp2fsp","amount":{"amount":"100","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"%s"}
                """.formatted(transferId, quote.path("ilpPacket").asText(), quote.path("condition").asText(), quote.path("expiration").asText()));

        Exchange refused = answer();
        assertThat(refused.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/transfers/" + transferId + "/error");
        assertThat(refused.getMessage().getBody(String.class)).contains("\"errorCode\":\"3100\"");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
    }

    @Test
    void aCreditTheSwitchAbortsAfterwardsIsRecordedForReconciliationAndNothingIsDebited() throws Exception {
        String transferId = quotedTransfer("255710000001", "7");
        answer();
        assertThat(recordedCredit(transferId)).containsExactly("dfsp2-dalila-usd", "7", "USD", "credited");
        BigDecimal credited = fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance();

        // The fulfilment reached the switch after the transfer expired: the switch tells the payee it failed.
        NotifyBuilder told = new NotifyBuilder(context).fromRoute("payee-transfer-notification").whenCompleted(2).create();
        String expired = "{\"errorInformation\":{\"errorCode\":\"3303\",\"errorDescription\":\"Transfer expired\"}}";
        fromSwitch("fspiop.callbacks.transfers", "dfsp2", "PUT", "/transfers/" + transferId + "/error", expired, "1.1", "switch");
        fromSwitch("fspiop.callbacks.transfers", "dfsp2", "PUT", "/transfers/" + UUID.randomUUID() + "/error", expired, "1.1", "switch");
        assertThat(told.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(switchAbort(transferId)).containsExactly("aborted", "3303 Transfer expired (from switch)");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).as("nothing taken back by the hub")
                .isEqualByComparingTo(credited);
        assertThat(consumer.receive("jms:queue:" + OutboundMessage.QUEUE, 300)).as("nothing answered").isNull();
    }

    private static java.util.List<String> switchAbort(String transferId) throws java.sql.SQLException {
        try (java.sql.Connection c = payeeDataSource.getConnection(); java.sql.PreparedStatement select = c.prepareStatement(
                "SELECT switch_aborted_at, switch_error FROM hub_payee_transaction WHERE transfer_id = ?")) {
            select.setString(1, transferId);
            try (java.sql.ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return java.util.Arrays.asList(rs.getTimestamp(1) == null ? "not aborted" : "aborted", rs.getString(2));
            }
        }
    }

    @Test
    void aTenantThatReservesIsCreditedOnlyOnTheSwitchsPatchCommitted() throws Exception {
        Map<String, Object> reserving = tenant("dfsp2", "dfsp2fsp");
        reserving.put("payee.reserveBeforeCommit", "true");
        TENANTS.update("pid-2", "etc/dfsp2.cfg", reserving);
        try {
            String committedId = quotedTransfer("255710000001", "20");
            Exchange reserved = answer();
            assertThat(json.readTree(reserved.getMessage().getBody(String.class)).path("transferState").asText()).isEqualTo("RESERVED");
            assertThat(json.readTree(reserved.getMessage().getBody(String.class)).has("fulfilment")).isTrue();
            assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
            assertThat(recordedCredit(committedId)).containsExactly("dfsp2-dalila-usd", null, null, "not credited");

            NotifyBuilder patched = new NotifyBuilder(context).fromRoute("payee-transfer-notification").whenCompleted(1).create();
            fromSwitch("fspiop.callbacks.transfers", "dfsp2", "PATCH", "/transfers/" + committedId,
                    "{\"transferState\":\"COMMITTED\",\"completedTimestamp\":\"2026-11-28T10:00:00.000Z\"}");
            assertThat(patched.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("520");
            assertThat(reservations.find("dfsp2", committedId)).get().satisfies(r -> assertThat(r.state()).isEqualTo("COMMITTED"));
            assertThat(recordedCredit(committedId)).containsExactly("dfsp2-dalila-usd", "20", "USD", "credited");

            String abortedId = quotedTransfer("255710000001", "5");
            answer();
            NotifyBuilder aborted = new NotifyBuilder(context).fromRoute("payee-transfer-notification").whenCompleted(1).create();
            fromSwitch("fspiop.callbacks.transfers", "dfsp2", "PATCH", "/transfers/" + abortedId,
                    "{\"transferState\":\"ABORTED\",\"completedTimestamp\":\"2026-11-28T10:00:00.000Z\"}");
            assertThat(aborted.matches(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("520");
            assertThat(reservations.find("dfsp2", abortedId)).get().satisfies(r -> assertThat(r.state()).isEqualTo("ABORTED"));
        } finally {
            TENANTS.update("pid-2", "etc/dfsp2.cfg", tenant("dfsp2", "dfsp2fsp"));
        }
    }

    /** Quotes and sends a transfer to the payee; returns its transferId, the quote's answer consumed. */
    private String quotedTransfer(String msisdn, String amount) throws Exception {
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quote(UUID.randomUUID().toString(), msisdn, amount, "USD"));
        JsonNode quote = json.readTree(answer().getMessage().getBody(String.class));
        String transferId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, transferId, amount));
        return transferId;
    }

    @Test
    void aQuoteInAnotherCurrencyThanThePayeesAccountIs5106() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quote(quoteId, "255710000001", "10", "TZS"));

        Exchange refused = answer();
        assertThat(refused.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/quotes/" + quoteId + "/error");
        assertThat(refused.getMessage().getBody(String.class)).contains("\"errorCode\":\"5106\"");
    }

    /** The quote's answer, after sending it to dfsp2. */
    private JsonNode quoted(String msisdn, String amount) throws Exception {
        fromSwitch("fspiop.requests.quotes", "dfsp2", "POST", "/quotes", quote(UUID.randomUUID().toString(), msisdn, amount, "USD"));
        return json.readTree(answer().getMessage().getBody(String.class));
    }

    private static String transferFor(JsonNode quote, String transferId, String amount) {
        return """
                {"transferId":"%s","payerFsp":"payerfsp","payeeFsp":"dfsp2fsp","amount":{"amount":"%s","currency":"USD"},
                 "ilpPacket":"%s","condition":"%s","expiration":"%s"}
                """.formatted(transferId, amount, quote.path("ilpPacket").asText(), quote.path("condition").asText(),
                quote.path("expiration").asText());
    }

    private String errorCodeOf(Exchange answer, String transferId) throws Exception {
        assertThat(answer.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/transfers/" + transferId + "/error");
        return json.readTree(answer.getMessage().getBody(String.class)).path("errorInformation").path("errorCode").asText();
    }

    @Test
    void aSecondTransferOfAnAlreadyTransferredQuoteIsRefused3106AndCreditsNothing() throws Exception {
        JsonNode quote = quoted("255710000001", "10");
        String first = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, first, "10"));
        assertThat(json.readTree(answer().getMessage().getBody(String.class)).path("transferState").asText()).isEqualTo("COMMITTED");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");

        // The same ILP packet and condition under fresh transferIds, as a forger replaying a completed transfer would send them.
        for (int i = 0; i < 3; i++) {
            String replay = UUID.randomUUID().toString();
            fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, replay, "10"));
            assertThat(errorCodeOf(answer(), replay)).isEqualTo("3106");
        }
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
        assertThat(quotes.claimant("dfsp2", quotes.find("dfsp2", quoteIdOf(quote))
                .orElseThrow().transactionId())).contains(first);
    }

    private static String quoteIdOf(JsonNode quote) {
        return io.paymenthub.fspiop.ilp.MojaloopIlp.of(io.paymenthub.fspiop.ilp.IlpVersion.V4, "dfsp2-ilp-secret-0123456789")
                .decode(quote.path("ilpPacket").asText()).transactionObject().text("quoteId").orElseThrow();
    }

    @Test
    void aTransferForAQuoteThatExpiredInTheHubsRecordIsRefused3302() throws Exception {
        JsonNode quote = quoted("255710000001", "10");
        try (java.sql.Connection c = payeeDataSource.getConnection(); java.sql.PreparedStatement expire = c.prepareStatement(
                "UPDATE hub_payee_quote SET expires_at = ? WHERE tenant = 'dfsp2' AND quote_id = ?")) {
            expire.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
            expire.setString(2, quoteIdOf(quote));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        String transferId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, transferId, "10"));

        assertThat(errorCodeOf(answer(), transferId)).isEqualTo("3302");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
    }

    @Test
    void aTransferForAQuoteThisHubNeverIssuedIsRefused3205() throws Exception {
        // A packet made with the tenant's own secret (as a leaked secret would allow), for a quote that was never asked.
        JsonNode request = json.readTree(quote(UUID.randomUUID().toString(), "255710000001", "10", "USD"));
        com.fasterxml.jackson.databind.node.ObjectNode terms = json.createObjectNode();
        terms.set("transferAmount", json.readTree("{\"amount\":\"10\",\"currency\":\"USD\"}"));
        terms.put("expiration", java.time.Instant.now().plusSeconds(60).toString());
        io.paymenthub.fspiop.ilp.IlpResponse forged = io.paymenthub.fspiop.ilp.MojaloopIlp.of(io.paymenthub.fspiop.ilp.IlpVersion.V4,
                "dfsp2-ilp-secret-0123456789").quoteResponse(request, terms);
        terms.put("ilpPacket", forged.ilpPacket());
        terms.put("condition", forged.condition());
        String transferId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(terms, transferId, "10"));

        assertThat(errorCodeOf(answer(), transferId)).isEqualTo("3205");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
    }

    @Test
    void aTransferThatDoesNotComeFromItsPayerFspIsRefused() throws Exception {
        JsonNode quote = quoted("255710000001", "10");
        String transferId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, transferId, "10"), "1.1", "otherfsp");

        assertThat(errorCodeOf(answer(), transferId)).isEqualTo("3100");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("500");
        // The refusal did not use up the quote: the real payer may still transfer it (under a transfer id of its own, as
        // the impostor's id is now taken: a repeat of it gets the impostor's answer or nothing).
        fromSwitch("fspiop.requests.transfers", "dfsp2", "POST", "/transfers", transferFor(quote, UUID.randomUUID().toString(), "10"));
        assertThat(json.readTree(answer().getMessage().getBody(String.class)).path("transferState").asText()).isEqualTo("COMMITTED");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510");
    }

    private static String bulkQuote(String bulkQuoteId, String... quoteIdsAndMsisdns) {
        StringBuilder individual = new StringBuilder();
        for (int i = 0; i < quoteIdsAndMsisdns.length; i += 2) {
            individual.append(i == 0 ? "" : ",").append("""
                    {"quoteId":"%s","transactionId":"%s","payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"%s"}},
                     "amountType":"SEND","amount":{"amount":"%d.25","currency":"USD"},
                     "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"BUSINESS"}}
                    """.formatted(quoteIdsAndMsisdns[i], UUID.randomUUID(), quoteIdsAndMsisdns[i + 1], i + 10));
        }
        return """
                {"bulkQuoteId":"%s","payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000010"}},
                 "individualQuotes":[%s]}
                """.formatted(bulkQuoteId, individual);
    }

    /** The bulk transfer a payer FSP sends for the quotes of a bulk quote that were given. */
    private String bulkTransferFor(String bulkTransferId, String bulkQuoteId, JsonNode bulkQuoted, String... transferIds) {
        StringBuilder individual = new StringBuilder();
        int i = 0;
        for (JsonNode result : bulkQuoted.path("individualQuoteResults")) {
            if (result.has("errorInformation")) {
                continue;
            }
            individual.append(i == 0 ? "" : ",").append("""
                    {"transferId":"%s","transferAmount":%s,"ilpPacket":"%s","condition":"%s"}
                    """.formatted(transferIds[i++], result.path("transferAmount"), result.path("ilpPacket").asText(),
                    result.path("condition").asText()));
        }
        return """
                {"bulkTransferId":"%s","bulkQuoteId":"%s","payerFsp":"payerfsp","payeeFsp":"dfsp2fsp",
                 "individualTransfers":[%s],"expiration":"%s"}
                """.formatted(bulkTransferId, bulkQuoteId, individual, bulkQuoted.path("expiration").asText());
    }

    @Test
    void aBulkQuoteIsAnsweredItemByItemAndItsBulkTransferCreditsEachPayeeOnce() throws Exception {
        String bulkQuoteId = UUID.randomUUID().toString();
        String dalila = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        String elia = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.bulkQuotes", "dfsp2", "POST", "/bulkQuotes",
                bulkQuote(bulkQuoteId, dalila, "255710000001", unknown, "255799999999", elia, "255710000002"));

        Exchange quoted = answer();
        assertThat(quoted.getMessage().getHeaders()).containsEntry(OutboundMessage.PATH, "/bulkQuotes/" + bulkQuoteId)
                .containsEntry(OutboundMessage.ANSWERS_ID, bulkQuoteId).containsEntry(OutboundMessage.ANSWERS_RESOURCE, "bulkQuotes");
        JsonNode bulk = json.readTree(quoted.getMessage().getBody(String.class));
        JsonNode results = bulk.path("individualQuoteResults");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("quoteId").asText()).isEqualTo(dalila);
        assertThat(results.get(0).path("transferAmount").path("amount").asText()).isEqualTo("10.25");
        assertThat(results.get(0).path("condition").asText()).isNotEmpty();
        assertThat(results.get(1).path("quoteId").asText()).isEqualTo(unknown);
        assertThat(results.get(1).path("errorInformation").path("errorCode").asText()).isEqualTo("3204");
        assertThat(results.get(1).has("ilpPacket")).isFalse();
        assertThat(results.get(2).path("transferAmount").path("amount").asText()).isEqualTo("14.25");
        assertThat(bulk.path("expiration").asText()).isNotEmpty();

        String bulkTransferId = UUID.randomUUID().toString();
        String toDalila = UUID.randomUUID().toString();
        String toElia = UUID.randomUUID().toString();
        String transfer = bulkTransferFor(bulkTransferId, bulkQuoteId, bulk, toDalila, toElia);
        String receipt = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.bulkTransfers", "dfsp2", "POST", "/bulkTransfers", transfer, "1.1", "payerfsp", receipt);

        Exchange completed = answer();
        assertThat(completed.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/bulkTransfers/" + bulkTransferId);
        JsonNode outcome = json.readTree(completed.getMessage().getBody(String.class));
        assertThat(outcome.path("bulkTransferState").asText()).isEqualTo("COMPLETED");
        JsonNode transfers = outcome.path("individualTransferResults");
        assertThat(transfers).hasSize(2);
        assertThat(transfers.get(0).path("transferId").asText()).isEqualTo(toDalila);
        assertThat(IlpCrypto.verifyFulfilment(transfers.get(0).path("fulfilment").asText(), results.get(0).path("condition").asText()))
                .isTrue();
        assertThat(IlpCrypto.verifyFulfilment(transfers.get(1).path("fulfilment").asText(), results.get(2).path("condition").asText()))
                .isTrue();
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.25");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo("14.25");

        // The stored message redelivered (its answer lost with a crash): nobody credited twice.
        fromSwitch("fspiop.requests.bulkTransfers", "dfsp2", "POST", "/bulkTransfers", transfer, "1.1", "payerfsp", receipt);
        assertThat(json.readTree(answer().getMessage().getBody(String.class)).path("bulkTransferState").asText()).isEqualTo("COMPLETED");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.25");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo("14.25");
    }

    @Test
    void aBulkTransferReplayingAPaidQuoteUnderANewIdCreditsNothingMoreAndSaysSoPerTransfer() throws Exception {
        String bulkQuoteId = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.bulkQuotes", "dfsp2", "POST", "/bulkQuotes",
                bulkQuote(bulkQuoteId, UUID.randomUUID().toString(), "255710000001"));
        JsonNode bulk = json.readTree(answer().getMessage().getBody(String.class));
        String paid = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.bulkTransfers", "dfsp2", "POST", "/bulkTransfers",
                bulkTransferFor(UUID.randomUUID().toString(), bulkQuoteId, bulk, paid));
        assertThat(answer().getMessage().getBody(String.class)).contains("fulfilment");

        // The same packets in a new bulk transfer, as a forger would send them; and one from an FSP that is not the payer.
        String replay = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.bulkTransfers", "dfsp2", "POST", "/bulkTransfers",
                bulkTransferFor(UUID.randomUUID().toString(), bulkQuoteId, bulk, replay));
        JsonNode refused = json.readTree(answer().getMessage().getBody(String.class)).path("individualTransferResults").get(0);
        assertThat(refused.path("transferId").asText()).isEqualTo(replay);
        assertThat(refused.path("errorInformation").path("errorCode").asText()).isEqualTo("3106");
        assertThat(refused.has("fulfilment")).isFalse();
        String impostor = UUID.randomUUID().toString();
        fromSwitch("fspiop.requests.bulkTransfers", "dfsp2", "POST", "/bulkTransfers",
                bulkTransferFor(impostor, bulkQuoteId, bulk, UUID.randomUUID().toString()), "1.1", "otherfsp");
        Exchange error = answer();
        assertThat(error.getMessage().getHeader(OutboundMessage.PATH)).isEqualTo("/bulkTransfers/" + impostor + "/error");
        assertThat(error.getMessage().getBody(String.class)).contains("\"errorCode\":\"3100\"");
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo("510.25");
    }
}
