package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.security.TestCertificates;
import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * The Mojaloop Testing Toolkit, as a payer DFSP behind the switch, drives the built distribution:
 * party lookup, quote and transfer (single and in bulk) to payees of the hub's tenant dfsp2 (held in the Fineract
 * simulator), in FSPIOP 1.0 and 1.1. The Toolkit's own assertions on the hub's callbacks must
 * pass (it also validates each callback against the FSPIOP specification), and the payee's
 * account must be credited once.
 */
class SwitchDrivenIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FineractSimulator fineract;
    private static TestingToolkit toolkit;
    private static HubDistribution hub;

    @BeforeAll
    static void start() throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        hub = HubDistribution.unpack("switch-driven");
        // The Toolkit signs as payerfsp and verifies what the hub's tenant (payeefsp) signs; mutual TLS both ways.
        TestCertificates certificates = TestCertificates.make(hub.home().getParent().resolve("keys"), "payerfsp", "payeefsp");
        hub.secure(certificates, "payeefsp");
        toolkit = TestingToolkit.start("payerfsp", hub.fspiopUrl(), certificates, "payeefsp");
        hub.appendEtc("io.paymenthub.fspiop.cfg", "switch.url = " + toolkit.fspiopUrl() + "\npeers = payerfsp\n");
        hub.writeEtc("io.paymenthub.tenant-dfsp2.cfg", String.join("\n",
                "name = dfsp2", "fspId = payeefsp", "currencies = USD",
                "fineract.url = " + fineract.fineractUrl(), "fineract.tenantId = dfsp2",
                "fineract.username = mifos", "fineract.password = password",
                "channel.clientId = dfsp2-channel", "channel.secret = channel-secret-dfsp2",
                "ilp.secret = ilp-secret-dfsp2-0123456789", ""));
        hub.start();
        // Ready for the switch once the tenant's connector answers, not merely once /health does.
        HubDistribution.await("tenant dfsp2's Fineract UP in /health", Duration.ofSeconds(60),
                () -> JSON.readTree(hub.get("/health").body()).path("components").toString().contains("\"coreBanking\":\"UP\""));
        hub.awaitFspiopListener();
    }

    @AfterAll
    static void stop() throws Exception {
        LabSetup.closeAll(hub, toolkit, fineract);
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void thePayerDfspsLookupQuoteAndTransferAreAnsweredAndThePayeeCreditedOnce(String version) throws Exception {
        var before = fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance();

        JsonNode report = run(collection(version));

        assertThat(failedAssertions(report)).as("the Toolkit's assertions that failed").isEmpty();
        assertThat(report.path("runtimeInformation").path("totalAssertions").asInt()).isGreaterThanOrEqualTo(12);
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo(before.add(new java.math.BigDecimal("7.25")));
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(strings = {"1.0", "1.1"})
    void aPayerDfspsBulkQuoteAndBulkTransferAreAnsweredPerTransferAndEachPayeeCreditedOnce(String version) throws Exception {
        var dalila = fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance();
        var elia = fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance();

        JsonNode report = run(bulkCollection(version));

        assertThat(failedAssertions(report)).as("the Toolkit's assertions that failed").isEmpty();
        assertThat(report.path("runtimeInformation").path("totalAssertions").asInt()).isGreaterThanOrEqualTo(12);
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance()).isEqualByComparingTo(dalila.add(new java.math.BigDecimal("12.5")));
        assertThat(fineract.admin().account("dfsp2", "dfsp2-elia-usd").balance()).isEqualByComparingTo(elia.add(new java.math.BigDecimal("30")));
    }

    private static final String ACCEPTED = "expect(response.status).to.equal(202)";

    private static List<String> failedAssertions(JsonNode report) {
        List<String> failed = new ArrayList<>();
        for (JsonNode testCase : report.path("test_cases")) {
            for (JsonNode request : testCase.path("requests")) {
                for (JsonNode assertion : request.path("request").path("tests").path("assertions")) {
                    if (!"SUCCESS".equals(assertion.path("resultStatus").path("status").asText())
                            && !(ACCEPTED.equals(assertion.path("exec").path(0).asText()) && callbackOvertookTheAnswer(request))) {
                        failed.add(request.path("request").path("description").asText() + ": " + assertion.path("description").asText()
                                + " " + assertion.path("resultStatus") + ", response " + request.path("response")
                                + ", callback " + request.path("callback").path("body"));
                    }
                }
            }
        }
        return failed;
    }

    /**
     * The Toolkit waits for the callback from before it sends a request, and its report keeps the HTTP answer it had
     * when the callback came: a callback that overtakes the hub's 202 (sent as soon as the request is stored, while
     * the request's consumer may already be answering) leaves the report's response empty. The callback shows the
     * request was taken; any answer the hub gave before it (a refusal included) would be in the report and fail.
     */
    private static boolean callbackOvertookTheAnswer(JsonNode request) {
        return request.path("response").isObject() && request.path("response").isEmpty()
                && request.path("callback").path("body").isObject() && !request.path("callback").path("body").isEmpty();
    }

    /**
     * A payroll of three as a payer DFSP sends it in bulk: one bulk quote (one payee unknown), then one bulk transfer
     * of the two quotes given, each with its own packet and condition.
     */
    private static ObjectNode bulkCollection(String version) {
        int minor = Integer.parseInt(version.substring(2));
        ObjectNode collection = JSON.createObjectNode();
        collection.put("name", "payer DFSP to the hub in bulk, FSPIOP " + version);
        collection.putObject("inputValues").put("accept", "application/vnd.interoperability.{resource}+json;version=" + version);
        ObjectNode testCase = collection.putArray("test_cases").addObject();
        testCase.put("id", 1);
        testCase.put("name", "Bulk payment to payees of the hub");
        ArrayNode requests = testCase.putArray("requests");

        ObjectNode quote = request(requests, 1, "Bulk quote", minor, "/bulkQuotes", "post", "bulkQuotes", version);
        ObjectNode quoteBody = quote.putObject("body");
        quoteBody.put("bulkQuoteId", UUID.randomUUID().toString());
        quoteBody.putObject("payer").putObject("partyIdInfo").put("partyIdType", "MSISDN").put("partyIdentifier", "255700000010")
                .put("fspId", "payerfsp");
        ArrayNode individual = quoteBody.putArray("individualQuotes");
        String[][] payees = {{"255710000001", "12.5"}, {"255799999999", "5"}, {"255710000002", "30"}};
        for (String[] payee : payees) {
            ObjectNode item = individual.addObject();
            item.put("quoteId", UUID.randomUUID().toString());
            item.put("transactionId", UUID.randomUUID().toString());
            item.putObject("payee").putObject("partyIdInfo").put("partyIdType", "MSISDN").put("partyIdentifier", payee[0]);
            item.put("amountType", "SEND");
            item.putObject("amount").put("amount", payee[1]).put("currency", "USD");
            item.putObject("transactionType").put("scenario", "TRANSFER").put("initiator", "PAYER").put("initiatorType", "BUSINESS");
        }
        assertions(quote,
                ACCEPTED,
                "expect(callback.body.individualQuoteResults.length).to.equal(3)",
                "expect(callback.body.individualQuoteResults[0].transferAmount.amount).to.equal('12.5')",
                "expect(callback.body.individualQuoteResults[0]).to.have.property('condition')",
                "expect(callback.body.individualQuoteResults[1].errorInformation.errorCode).to.equal('3204')",
                "expect(callback.body.individualQuoteResults[2].transferAmount.amount).to.equal('30')");

        ObjectNode transfer = request(requests, 2, "Bulk transfer", minor, "/bulkTransfers", "post", "bulkTransfers", version);
        ObjectNode transferBody = transfer.putObject("body");
        transferBody.put("bulkTransferId", UUID.randomUUID().toString());
        transferBody.put("bulkQuoteId", "{$prev.1.request.body.bulkQuoteId}");
        transferBody.put("payerFsp", "payerfsp");
        transferBody.put("payeeFsp", "payeefsp");
        ArrayNode transfers = transferBody.putArray("individualTransfers");
        for (int i : new int[] {0, 2}) {
            ObjectNode item = transfers.addObject();
            item.put("transferId", UUID.randomUUID().toString());
            item.putObject("transferAmount").put("amount", payees[i][1]).put("currency", "USD");
            item.put("ilpPacket", "{$prev.1.callback.body.individualQuoteResults[" + i + "].ilpPacket}");
            item.put("condition", "{$prev.1.callback.body.individualQuoteResults[" + i + "].condition}");
        }
        transferBody.put("expiration", "{$prev.1.callback.body.expiration}");
        assertions(transfer,
                ACCEPTED,
                "expect(callback.body.bulkTransferState).to.equal('COMPLETED')",
                "expect(callback.body.individualTransferResults.length).to.equal(2)",
                "expect(callback.body.individualTransferResults[0]).to.have.property('fulfilment')",
                "expect(callback.body.individualTransferResults[1]).to.have.property('fulfilment')",
                "expect(callback.headers['fspiop-destination']).to.equal('payerfsp')");
        return collection;
    }

    private JsonNode run(ObjectNode collection) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestingToolkit.ADMIN_PORT + "/api/outbound/template/"
                                + UUID.randomUUID() + "?sync=true"))
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(collection.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Lookup, quote and transfer as a payer DFSP sends them, with the Toolkit's assertions on each callback. */
    private static ObjectNode collection(String version) {
        int minor = Integer.parseInt(version.substring(2));
        ObjectNode collection = JSON.createObjectNode();
        collection.put("name", "payer DFSP to the hub, FSPIOP " + version);
        ObjectNode inputs = collection.putObject("inputValues");
        inputs.put("accept", "application/vnd.interoperability.{resource}+json;version=" + version);
        ArrayNode testCases = collection.putArray("test_cases");
        ObjectNode testCase = testCases.addObject();
        testCase.put("id", 1);
        testCase.put("name", "P2P transfer to a payee of the hub");
        ArrayNode requests = testCase.putArray("requests");

        ObjectNode lookup = request(requests, 1, "Get party information", minor, "/parties/{Type}/{ID}", "get", "parties", version);
        lookup.putObject("params").put("Type", "MSISDN").put("ID", "255710000001");
        assertions(lookup,
                ACCEPTED,
                "expect(callback.body.party.partyIdInfo.fspId).to.equal('payeefsp')",
                "expect(callback.body.party.name).to.equal('Dalila Omari')",
                "expect(callback.headers['content-type']).to.include('version=" + version + "')");

        ObjectNode quote = request(requests, 2, "Get quote", minor, "/quotes", "post", "quotes", version);
        ObjectNode quoteBody = quote.putObject("body");
        quoteBody.put("quoteId", UUID.randomUUID().toString());
        quoteBody.put("transactionId", UUID.randomUUID().toString());
        quoteBody.putObject("payee").putObject("partyIdInfo").put("partyIdType", "MSISDN").put("partyIdentifier", "255710000001")
                .put("fspId", "payeefsp");
        quoteBody.putObject("payer").putObject("partyIdInfo").put("partyIdType", "MSISDN").put("partyIdentifier", "255700000001")
                .put("fspId", "payerfsp");
        quoteBody.put("amountType", "SEND");
        quoteBody.putObject("amount").put("amount", "7.25").put("currency", "USD");
        quoteBody.putObject("transactionType").put("scenario", "TRANSFER").put("initiator", "PAYER").put("initiatorType", "CONSUMER");
        assertions(quote,
                ACCEPTED,
                "expect(callback.body.transferAmount.amount).to.equal('7.25')",
                "expect(callback.body).to.have.property('ilpPacket')",
                "expect(callback.body).to.have.property('condition')");

        ObjectNode transfer = request(requests, 3, "Send transfer", minor, "/transfers", "post", "transfers", version);
        ObjectNode transferBody = transfer.putObject("body");
        transferBody.put("transferId", UUID.randomUUID().toString());
        transferBody.put("payerFsp", "payerfsp");
        transferBody.put("payeeFsp", "payeefsp");
        transferBody.putObject("amount").put("amount", "7.25").put("currency", "USD");
        transferBody.put("ilpPacket", "{$prev.2.callback.body.ilpPacket}");
        transferBody.put("condition", "{$prev.2.callback.body.condition}");
        transferBody.put("expiration", "{$prev.2.callback.body.expiration}");
        assertions(transfer,
                ACCEPTED,
                "expect(callback.body.transferState).to.equal('COMMITTED')",
                "expect(callback.body).to.have.property('fulfilment')",
                "expect(callback.headers['fspiop-destination']).to.equal('payerfsp')");
        return collection;
    }

    private static ObjectNode request(ArrayNode requests, int id, String description, int minor, String operationPath,
                                      String method, String resource, String version) {
        ObjectNode request = requests.addObject();
        request.put("id", id);
        request.put("description", description);
        request.putObject("apiVersion").put("minorVersion", minor).put("majorVersion", 1).put("type", "fspiop").put("asynchronous", true);
        request.put("operationPath", operationPath);
        request.put("method", method);
        ObjectNode headers = request.putObject("headers");
        String type = "application/vnd.interoperability." + resource + "+json;version=" + version;
        headers.put("Accept", type);
        headers.put("Content-Type", type);
        headers.put("Date", "{$function.generic.curDate}");
        headers.put("FSPIOP-Source", "payerfsp");
        headers.put("FSPIOP-Destination", "payeefsp");
        return request;
    }

    private static void assertions(ObjectNode request, String... checks) {
        ArrayNode assertions = request.putObject("tests").putArray("assertions");
        int id = 1;
        for (String check : checks) {
            ObjectNode assertion = assertions.addObject();
            assertion.put("id", id++);
            assertion.put("description", check);
            assertion.putArray("exec").add(check);
        }
    }
}
