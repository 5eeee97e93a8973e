package io.paymenthub.fineract.simulator;

import static io.paymenthub.fineract.simulator.Bodies.PAYER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The savings and clients endpoints the hub uses besides the interop API. */
class SavingsApiTest extends SimulatorTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void accountByIdAndByExternalIdAreTheSame() {
        SimulatorClient.Answer byId = api.get("/savingsaccounts/30");
        SimulatorClient.Answer byExternalId = api.get("/savingsaccounts/external-id/" + PAYER);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.text()).isEqualTo(byExternalId.text());
        JsonNode account = byId.json();
        assertThat(account.get("accountNo").asText()).isEqualTo("000000030");
        assertThat(account.get("clientName").asText()).isEqualTo("Payer Fx20261128025457934");
        assertThat(account.path("currency").path("code").asText()).isEqualTo("TZS");
        assertThat(account.path("status").path("value").asText()).isEqualTo("Active");
        assertThat(account.path("summary").path("accountBalance").decimalValue()).isEqualByComparingTo("8278.86");
        assertThat(account.has("savingsAmountOnHold")).isFalse();

        assertThat(api.get("/savingsaccounts/999").firstErrorCode()).isEqualTo("error.msg.saving.account.id.invalid");
        assertThat(api.get("/savingsaccounts/external-id/nope").status()).isEqualTo(404);
        assertThat(api.get("/savingsaccounts/abc").status()).isEqualTo(404);
    }

    @Test
    void transactionsListCarriesTheTransferCodeAsReceiptNumber() {
        prepare(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        create(Bodies.payerTransfer("t-1", "351.16", "9.69"));

        JsonNode transactions = api.get("/savingsaccounts/30?associations=transactions").json().get("transactions");
        assertThat(transactions).hasSize(5);
        JsonNode withdrawal = transactions.get(0);
        assertThat(withdrawal.path("transactionType").path("value").asText()).isEqualTo("Withdrawal");
        assertThat(withdrawal.path("transactionType").path("withdrawal").asBoolean()).isTrue();
        assertThat(withdrawal.path("amount").decimalValue()).isEqualByComparingTo("351.16");
        assertThat(withdrawal.path("runningBalance").decimalValue()).isEqualByComparingTo("7918.01");
        assertThat(withdrawal.path("paymentDetailData").path("receiptNumber").asText()).isEqualTo("t-1");
        assertThat(withdrawal.path("paymentDetailData").path("routingCode").asText()).isEqualTo("INTEROPERATION");
        assertThat(withdrawal.path("date").toString()).isEqualTo("[" + TODAY.getYear() + "," + TODAY.getMonthValue() + "," + TODAY.getDayOfMonth() + "]");
        JsonNode fee = transactions.get(1);
        assertThat(fee.path("transactionType").path("value").asText()).isEqualTo("Withdrawal fee");
        assertThat(fee.path("amount").decimalValue()).isEqualByComparingTo("9.69");
        assertThat(fee.has("paymentDetailData")).isFalse();
        assertThat(transactions.get(2).path("transactionType").path("value").asText()).isEqualTo("Release Amount");
        JsonNode hold = transactions.get(3);
        assertThat(hold.path("transactionType").path("amountHold").asBoolean()).isTrue();
        assertThat(hold.path("releaseTransactionId").asLong()).isEqualTo(transactions.get(2).path("id").asLong());

        long withdrawalId = withdrawal.get("id").asLong();
        SimulatorClient.Answer one = api.get("/savingsaccounts/30/transactions/" + withdrawalId);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("id").asLong()).isEqualTo(withdrawalId);
        SimulatorClient.Answer missing = api.get("/savingsaccounts/30/transactions/99999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.firstErrorCode()).isEqualTo("error.msg.saving.account.trasaction.id.invalid");
    }

    @Test
    void summaryTotalsAreTheSumsOfTheListedBookingsOfEachType() {
        prepare(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        create(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        assertSummaryMatchesTransactions();
        JsonNode summary = api.get("/savingsaccounts/30").json().path("summary");
        assertThat(summary.path("totalWithdrawalFees").decimalValue()).isEqualByComparingTo("9.69");

        long withdrawalId = api.get("/savingsaccounts/30?associations=transactions").json().get("transactions").get(0).get("id").asLong();
        sim.admin().forgetTransaction("default", PAYER, withdrawalId);
        assertSummaryMatchesTransactions();
        assertThat(api.get("/savingsaccounts/30").json().path("summary").path("totalWithdrawals").decimalValue())
                .isEqualByComparingTo(summary.path("totalWithdrawals").decimalValue().subtract(new BigDecimal("351.16")));
    }

    /** The account's summary, which Fineract keeps on the account's row, against its own list of bookings. */
    private void assertSummaryMatchesTransactions() {
        JsonNode account = api.get("/savingsaccounts/30?associations=transactions").json();
        Map<String, BigDecimal> sums = new HashMap<>();
        for (JsonNode transaction : account.get("transactions")) {
            sums.merge(transaction.path("transactionType").path("value").asText(), transaction.path("amount").decimalValue(),
                    BigDecimal::add);
        }
        JsonNode summary = account.path("summary");
        assertThat(summary.path("totalDeposits").decimalValue()).isEqualByComparingTo(sums.get("Deposit"));
        assertThat(summary.path("totalWithdrawals").decimalValue())
                .isEqualByComparingTo(sums.getOrDefault("Withdrawal", BigDecimal.ZERO));
        assertThat(summary.path("totalWithdrawalFees").decimalValue())
                .isEqualByComparingTo(sums.getOrDefault("Withdrawal fee", BigDecimal.ZERO));
    }

    @Test
    void depositAndWithdrawalWithTheProductFee() {
        SimulatorClient.Answer deposit = tenant2.post("/savingsaccounts/2/transactions?command=deposit",
                savingsBody("25.5", ",\"receiptNumber\":\"r-1\""));
        assertThat(deposit.status()).isEqualTo(200);
        assertThat(deposit.json().get("savingsId").asLong()).isEqualTo(2);
        assertThat(deposit.json().path("changes").toString()).isEqualTo("{\"receiptNumber\":\"r-1\",\"paymentTypeId\":1}");

        // No fee in the quote (withdrawalFeeForTransfers is false) but the charge is booked on withdrawal.
        SimulatorClient.Answer quote = tenant2.post("/interoperation/quotes", Bodies.quote("t2-plain", "10", "USD", "PAYER"));
        assertThat(quote.json().path("fspFee").path("amount").decimalValue()).isZero();
        SimulatorClient.Answer withdrawal = tenant2.post("/savingsaccounts/2/transactions?command=withdrawal", savingsBody("10", ""));
        assertThat(withdrawal.status()).isEqualTo(200);
        assertThat(sim.admin().account("tenant2", "t2-plain").balance()).isEqualByComparingTo("64.25");

        SimulatorClient.Answer tooMuch = tenant2.post("/savingsaccounts/3/transactions?command=withdrawal", savingsBody("10.01", ""));
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.firstErrorCode()).isEqualTo("error.msg.savingsaccount.transaction.insufficient.account.balance");
        assertThat(tenant2.post("/savingsaccounts/3/transactions?command=withdrawal", savingsBody("10", "")).status()).isEqualTo(200);
    }

    @Test
    void percentageFeeInQuote() {
        SimulatorClient.Answer quote = tenant2.post("/interoperation/quotes", Bodies.quote(PAYER, "50", "USD", "PAYER"));
        assertThat(quote.json().path("fspFee").toString()).isEqualTo("{\"amount\":1,\"currency\":\"USD\"}");
    }

    @Test
    void savingsCommandValidation() {
        SimulatorClient.Answer noPaymentType = api.post("/savingsaccounts/30/transactions?command=deposit",
                "{\"transactionDate\":\"" + TODAY + "\",\"dateFormat\":\"yyyy-MM-dd\",\"locale\":\"en\",\"transactionAmount\":5}");
        assertThat(noPaymentType.status()).isEqualTo(400);
        assertThat(noPaymentType.errorCodes()).containsExactly("validation.msg.savingsaccount.transaction.paymentTypeId.cannot.be.blank");

        SimulatorClient.Answer noLocale = api.post("/savingsaccounts/30/transactions?command=deposit",
                "{\"transactionDate\":\"" + TODAY + "\",\"dateFormat\":\"yyyy-MM-dd\",\"transactionAmount\":5,\"paymentTypeId\":1}");
        assertThat(noLocale.errorCodes()).containsExactly("validation.msg.missing.locale.parameter");

        SimulatorClient.Answer future = api.post("/savingsaccounts/30/transactions?command=deposit",
                "{\"transactionDate\":\"" + TODAY.plusDays(2) + "\",\"dateFormat\":\"yyyy-MM-dd\",\"locale\":\"en\",\"transactionAmount\":5,\"paymentTypeId\":1}");
        assertThat(future.firstErrorCode()).isEqualTo("error.msg.savingsaccount.transaction.in.the.future");

        SimulatorClient.Answer zero = api.post("/savingsaccounts/30/transactions?command=withdrawal", savingsBody("0", ""));
        assertThat(zero.errorCodes()).containsExactly("validation.msg.savingsaccount.transaction.transactionAmount.not.greater.than.zero");

        assertThat(api.post("/savingsaccounts/30/transactions?command=deposit", savingsBody("1", ",\"colour\":\"red\"")).firstErrorCode())
                .isEqualTo("error.msg.parameter.unsupported");
        assertThat(api.post("/savingsaccounts/30/transactions?command=deposit",
                "{\"transactionDate\":\"" + TODAY + "\",\"dateFormat\":\"yyyy-MM-dd\",\"locale\":\"en\",\"transactionAmount\":5,\"paymentTypeId\":9}")
                .firstErrorCode()).isEqualTo("error.msg.payment.type.invalid");

        SimulatorClient.Answer unknownCommand = api.post("/savingsaccounts/30/transactions?command=transfer", savingsBody("1", ""));
        assertThat(unknownCommand.status()).isEqualTo(400);
        assertThat(unknownCommand.firstErrorCode()).isEqualTo("error.msg.query.parameter.value.unsupported");
        assertThat(account(PAYER).transactions()).hasSize(1);
    }

    @Test
    void holdAndReleaseAmount() {
        String hold = "{\"transactionDate\":\"" + TODAY + "\",\"dateFormat\":\"yyyy-MM-dd\",\"locale\":\"en\","
                + "\"transactionAmount\":100,\"reasonForBlock\":\"court order\"}";
        SimulatorClient.Answer held = api.post("/savingsaccounts/30/transactions?command=holdAmount", hold);
        assertThat(held.status()).isEqualTo(200);
        long holdId = held.json().get("resourceId").asLong();
        assertThat(account(PAYER).availableBalance()).isEqualByComparingTo("8178.86");
        assertThat(account(PAYER).holds()).singleElement().satisfies(h -> {
            assertThat(h.transferCode()).isNull();
            assertThat(h.reasonForBlock()).isEqualTo("court order");
        });
        // A savings hold has no transferCode: interop cannot release it.
        assertThat(release(Bodies.payerTransfer("t-1", "100", null)).status()).isEqualTo(404);

        SimulatorClient.Answer released = api.post("/savingsaccounts/30/transactions/" + holdId + "?command=releaseAmount", null);
        assertThat(released.status()).isEqualTo(200);
        assertThat(account(PAYER).availableBalance()).isEqualByComparingTo("8278.86");

        SimulatorClient.Answer again = api.post("/savingsaccounts/30/transactions/" + holdId + "?command=releaseAmount", null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.firstErrorCode()).isEqualTo("validation.msg.savingsaccount.amount.validation.msg.amount.is.not.on.hold");
        assertThat(api.post("/savingsaccounts/30/transactions/99999?command=releaseAmount", null).status()).isEqualTo(500);

        SimulatorClient.Answer tooBig = api.post("/savingsaccounts/30/transactions?command=holdAmount", hold.replace("100", "9000"));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.firstErrorCode()).isEqualTo("validation.msg.savingsaccount.insufficient.balance");
        SimulatorClient.Answer noReason = api.post("/savingsaccounts/30/transactions?command=holdAmount",
                hold.replace(",\"reasonForBlock\":\"court order\"", ""));
        assertThat(noReason.firstErrorCode()).isEqualTo("validation.msg.savingsaccount.reasonForBlock.cannot.be.blank");
    }

    @Test
    void interopHoldCanBeReleasedThroughTheSavingsApi() {
        prepare(Bodies.payerTransfer("t-1", "50", null));
        long holdId = account(PAYER).holds().get(0).transactionId();
        assertThat(api.post("/savingsaccounts/30/transactions/" + holdId + "?command=releaseAmount", "").status()).isEqualTo(200);
        assertThat(release(Bodies.payerTransfer("t-1", "50", null)).status()).isEqualTo(404);
    }

    @Test
    void clientsGiveTheNamesForAParty() {
        SimulatorClient.Answer client = tenant2.get("/clients/1");
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.json().get("displayName").asText()).isEqualTo("Alice N. Mwangi");
        assertThat(client.json().get("firstname").asText()).isEqualTo("Alice");
        assertThat(client.json().get("middlename").asText()).isEqualTo("N.");
        assertThat(client.json().get("lastname").asText()).isEqualTo("Mwangi");
        assertThat(client.json().get("mobileNo").asText()).isEqualTo("255700000001");
        SimulatorClient.Answer missing = tenant2.get("/clients/77");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.firstErrorCode()).isEqualTo("error.msg.client.id.invalid");
    }

    private static String savingsBody(String amount, String extra) {
        return "{\"transactionDate\":\"" + TODAY.getDayOfMonth() + " " + TODAY.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + TODAY.getYear() + "\",\"dateFormat\":\"dd MMMM yyyy\",\"locale\":\"en\","
                + "\"transactionAmount\":\"" + amount + "\",\"paymentTypeId\":1" + extra + "}";
    }
}
