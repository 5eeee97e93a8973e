package io.paymenthub.fineract.simulator;

import static io.paymenthub.fineract.simulator.Bodies.PAYEE;
import static io.paymenthub.fineract.simulator.Bodies.PAYER;
import static io.paymenthub.fineract.simulator.Bodies.dec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenarios of Fineract's own InteropTest, on the simulator. */
class InteropScenariosTest extends SimulatorTest {

    @Test
    void partiesRegisterRejectDuplicateGetAndDelete() {
        SimulatorClient.Answer registered = api.post("/interoperation/parties/MSISDN/255786127431", Bodies.party(PAYER));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().get("accountId").asText()).isEqualTo(PAYER);
        long resourceId = registered.json().get("resourceId").asLong();
        assertThat(registered.json().get("resourceIdentifier").asText()).isEqualTo(String.valueOf(resourceId));

        SimulatorClient.Answer duplicate = api.post("/interoperation/parties/MSISDN/255786127431", Bodies.party(PAYER));
        assertThat(duplicate.status()).isEqualTo(403);
        assertThat(duplicate.code()).isEqualTo("error.msg.interop.duplicate.account.identifier");
        assertThat(duplicate.json().path("errors").path(0).path("parameterName").asText()).isEqualTo("idType");

        SimulatorClient.Answer found = api.get("/interoperation/parties/MSISDN/255786127431");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("accountId").asText()).isEqualTo(PAYER);
        assertThat(found.json().get("resourceId").asLong()).isEqualTo(resourceId);
        assertThat(api.get("/interoperation/accounts/" + PAYER).json().get("identifiers").toString())
                .isEqualTo("[{\"idType\":\"MSISDN\",\"idValue\":\"255786127431\"}]");

        SimulatorClient.Answer deleted = api.delete("/interoperation/parties/MSISDN/255786127431");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("accountId").asText()).isEqualTo(PAYER);

        SimulatorClient.Answer gone = api.get("/interoperation/parties/MSISDN/255786127431");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("error.msg.resource.not.found");
        assertThat(gone.firstErrorCode()).isEqualTo("error.msg.interop.account.not.found");
    }

    @Test
    void partiesWithSubIdOrType() {
        assertThat(api.post("/interoperation/parties/IBAN/TZ001/branch-7", Bodies.party(PAYER)).status()).isEqualTo(200);
        assertThat(api.get("/interoperation/parties/IBAN/TZ001/branch-7").json().get("accountId").asText()).isEqualTo(PAYER);
        SimulatorClient.Answer withoutSubId = api.get("/interoperation/parties/IBAN/TZ001");
        assertThat(withoutSubId.status()).isEqualTo(404);
        assertThat(withoutSubId.json().path("errors").path(0).path("developerMessage").asText())
                .isEqualTo("Account not found for identifier IBAN/TZ001");
        assertThat(api.get("/interoperation/parties/IBAN/TZ001/other").json().path("errors").path(0).path("developerMessage").asText())
                .isEqualTo("Account not found for identifier IBAN/TZ001/other");
        assertThat(api.delete("/interoperation/parties/IBAN/TZ001/branch-7").status()).isEqualTo(200);
        assertThat(api.get("/interoperation/accounts/" + PAYER + "/identifiers").json().get("identifiers")).isEmpty();
    }

    @Test
    void transactionRequestAcceptsPayerAndRejectsPayee() {
        SimulatorClient.Answer payer = api.post("/interoperation/requests", Bodies.request(PAYER, "56.18", "TZS", "PAYER"));
        assertThat(payer.status()).isEqualTo(200);
        assertThat(payer.json().get("requestCode").asText()).isEqualTo("rq-1");
        assertThat(payer.json().get("state").asText()).isEqualTo("ACCEPTED");

        SimulatorClient.Answer payee = api.post("/interoperation/requests", Bodies.request(PAYER, "56.18", "TZS", "PAYEE"));
        assertThat(payee.status()).isEqualTo(400);
        assertThat(payee.errorCodes()).containsOnly(
                "validation.msg.interoperation.request.transactionRole.is.not.one.of.expected.enumerations");
    }

    @Test
    void quoteShowsTheWithdrawalChargeForThePayerAndNoFeeForThePayee() {
        SimulatorClient.Answer payer = api.post("/interoperation/quotes", Bodies.quote(PAYER, "101.95", "TZS", "PAYER"));
        assertThat(payer.status()).isEqualTo(200);
        assertThat(payer.json().get("quoteCode").asText()).isEqualTo("q-1");
        assertThat(payer.json().get("state").asText()).isEqualTo("ACCEPTED");
        assertThat(payer.json().get("fspFee").toString()).isEqualTo("{\"amount\":9.69,\"currency\":\"TZS\"}");

        SimulatorClient.Answer payee = api.post("/interoperation/quotes", Bodies.quote(PAYEE, "101.95", "TZS", "PAYEE"));
        assertThat(payee.status()).isEqualTo(200);
        assertThat(payee.json().get("fspFee").toString()).isEqualTo("{\"amount\":0,\"currency\":\"TZS\"}");

        assertThat(account(PAYER).balance()).isEqualByComparingTo("8278.86");
        assertThat(account(PAYER).onHold()).isZero();
    }

    @Test
    void prepareAsPayerHoldsAmountPlusFeeAndLowersTheAvailableBalance() {
        SimulatorClient.Answer prepared = prepare(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        assertThat(prepared.status()).isEqualTo(200);
        assertThat(prepared.json().get("transferCode").asText()).isEqualTo("t-1");
        assertThat(prepared.json().get("state").asText()).isEqualTo("ACCEPTED");
        assertThat(prepared.json().get("completedTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");

        AccountSnapshot payer = account(PAYER);
        assertThat(payer.balance()).isEqualByComparingTo("8278.86");
        assertThat(payer.onHold()).isEqualByComparingTo("360.85");
        assertThat(payer.availableBalance()).isEqualByComparingTo("7918.01");
        assertThat(payer.holds()).singleElement().satisfies(hold -> {
            assertThat(hold.transferCode()).isEqualTo("t-1");
            assertThat(hold.amount()).isEqualByComparingTo("360.85");
        });
        SimulatorClient.Answer savings = api.get("/savingsaccounts/30");
        assertThat(savings.json().get("savingsAmountOnHold").decimalValue()).isEqualByComparingTo("360.85");
        assertThat(savings.json().path("summary").path("availableBalance").decimalValue()).isEqualByComparingTo("7918.01");
    }

    @Test
    void prepareAsPayeeChangesNothing() {
        assertThat(prepare(Bodies.payeeTransfer("t-1", PAYEE, "351.16")).status()).isEqualTo(200);
        AccountSnapshot payee = account(PAYEE);
        assertThat(payee.balance()).isZero();
        assertThat(payee.transactions()).isEmpty();
    }

    @Test
    void createAsPayerReleasesTheHoldAndDebitsAmountAndFeeAsTwoBookings() {
        prepare(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        SimulatorClient.Answer created = create(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("transferCode").asText()).isEqualTo("t-1");

        AccountSnapshot payer = account(PAYER);
        assertThat(payer.balance()).isEqualByComparingTo("7918.01");
        assertThat(payer.availableBalance()).isEqualByComparingTo("7918.01");
        assertThat(payer.onHold()).isZero();
        assertThat(payer.holds()).isEmpty();
        List<String> types = payer.transactions().stream().map(TransactionSnapshot::type).toList();
        assertThat(types).containsExactly("DEPOSIT", "AMOUNT_HOLD", "AMOUNT_RELEASE", "WITHDRAWAL_FEE", "WITHDRAWAL");
        TransactionSnapshot fee = payer.transactions().get(3);
        assertThat(fee.label()).isEqualTo("Withdrawal fee");
        assertThat(fee.amount()).isEqualByComparingTo("9.69");
        TransactionSnapshot withdrawal = payer.transactions().get(4);
        assertThat(withdrawal.amount()).isEqualByComparingTo("351.16");
        assertThat(withdrawal.receiptNumber()).isEqualTo("t-1");
        assertThat(withdrawal.routingCode()).isEqualTo("INTEROPERATION");
    }

    @Test
    void createAsPayeeDepositsTheAmount() {
        SimulatorClient.Answer created = create(Bodies.payeeTransfer("t-1", PAYEE, "351.16"));
        assertThat(created.status()).isEqualTo(200);
        AccountSnapshot payee = account(PAYEE);
        assertThat(payee.balance()).isEqualByComparingTo("351.16");
        assertThat(payee.transactions()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("DEPOSIT");
            assertThat(t.receiptNumber()).isEqualTo("t-1");
        });
    }

    @Test
    void transferWithoutOrWithAWrongActionIs400() {
        SimulatorClient.Answer missing = api.post("/interoperation/transfers", Bodies.payerTransfer("t-1", "1", null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCodes()).containsExactly("validation.msg.InteropApi.action.cannot.be.blank",
                "validation.msg.InteropApi.action.is.not.one.of.expected.enumerations");

        SimulatorClient.Answer commit = api.post("/interoperation/transfers?action=COMMIT", Bodies.payerTransfer("t-1", "1", null));
        assertThat(commit.status()).isEqualTo(400);
        assertThat(commit.errorCodes()).containsExactly("validation.msg.InteropApi.action.is.not.one.of.expected.enumerations");
        assertThat(commit.json().path("errors").path(0).path("args").toString())
                .isEqualTo("[{\"value\":\"COMMIT\"},{\"value\":[\"PREPARE\",\"CREATE\",\"RELEASE\"]}]");
        assertThat(account(PAYER).transactions()).hasSize(1);
    }

    @Test
    void healthNeedsCredentialsAndAnswersOk() {
        SimulatorClient.Answer health = api.get("/interoperation/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("OK");
        assertThat(api.header("Authorization", null).get("/interoperation/health").status()).isEqualTo(401);
    }

    @Test
    void accountDetailsShowBalancesAndProduct() {
        prepare(Bodies.payerTransfer("t-1", "100", "9.69"));
        SimulatorClient.Answer details = api.get("/interoperation/accounts/" + PAYER);
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().get("savingProductId").asText()).isEqualTo("11");
        assertThat(details.json().get("accountBalance").decimalValue()).isEqualByComparingTo(dec("8278.86"));
        assertThat(details.json().get("availableBalance").decimalValue()).isEqualByComparingTo(dec("8169.17"));
        assertThat(details.json().get("clientId").asLong()).isEqualTo(29);
    }
}
