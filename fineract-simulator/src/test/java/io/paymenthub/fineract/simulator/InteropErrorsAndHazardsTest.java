package io.paymenthub.fineract.simulator;

import static io.paymenthub.fineract.simulator.Bodies.PAYEE;
import static io.paymenthub.fineract.simulator.Bodies.PAYEE2;
import static io.paymenthub.fineract.simulator.Bodies.PAYER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Each error and hazard of PROTOCOLS.md section 3, with Fineract's status codes and error codes. */
class InteropErrorsAndHazardsTest extends SimulatorTest {

    @Test
    void unknownMembersAreRejectedWherever() {
        ObjectNode top = Bodies.quote(PAYER, "101.95", "TZS", "PAYER");
        top.put("xdenmsap", "1");
        top.put("other", 2);
        SimulatorClient.Answer answer = api.post("/interoperation/quotes", top);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("validation.msg.validation.errors.exist");
        assertThat(answer.errorCodes()).containsExactly("error.msg.parameter.unsupported", "error.msg.parameter.unsupported");
        assertThat(answer.json().path("errors").path(1).path("parameterName").asText()).isEqualTo("other");

        ObjectNode nested = Bodies.payerTransfer("t-1", "10", null);
        ((ObjectNode) nested.get("amount")).put("precision", 2);
        assertThat(prepare(nested).json().path("errors").path(0).path("parameterName").asText()).isEqualTo("precision");
    }

    @Test
    void geoCodeLongitudeIsRejectedAndTransfersTakeNoGeoCode() {
        ObjectNode quote = Bodies.quote(PAYER, "10", "TZS", "PAYER");
        quote.putObject("geoCode").put("latitude", "-6.8").put("longitude", "39.2");
        SimulatorClient.Answer answer = api.post("/interoperation/quotes", quote);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").path(0).path("parameterName").asText()).isEqualTo("longitude");

        quote.putObject("geoCode").put("latitude", "-6.8");
        assertThat(api.post("/interoperation/quotes", quote).status()).isEqualTo(200);

        ObjectNode transfer = Bodies.payerTransfer("t-1", "10", null);
        transfer.putObject("geoCode").put("latitude", "-6.8");
        assertThat(prepare(transfer).json().path("errors").path(0).path("parameterName").asText()).isEqualTo("geoCode");
    }

    @Test
    void validationErrorsAreRepeatedLikeFineractDoes() {
        ObjectNode body = Bodies.payerTransfer("t-1", "10", null);
        body.remove("transferCode");
        SimulatorClient.Answer answer = prepare(body);
        assertThat(answer.status()).isEqualTo(400);
        // Fineract's interop parser merges its validator into itself three times after this check.
        assertThat(answer.errorCodes()).hasSize(8).containsOnly("validation.msg.interoperation.transfer.transferCode.cannot.be.blank");

        ObjectNode noType = Bodies.quote(PAYER, "10", "TZS", "PAYER");
        noType.remove("transactionType");
        assertThat(api.post("/interoperation/quotes", noType).errorCodes()).hasSize(2)
                .containsOnly("validation.msg.interoperation.quote.transactionType.cannot.be.blank");
    }

    @Test
    void amountChecks() {
        ObjectNode negative = Bodies.payerTransfer("t-1", "-5", null);
        SimulatorClient.Answer answer = prepare(negative);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCodes()).contains("validation.msg.interoperation.transfer.amount.not.zero.or.greater");
        assertThat(answer.json().path("errors").path(0).path("args").toString()).isEqualTo("[{\"value\":-5.0},{\"value\":0}]");

        ObjectNode missing = Bodies.payerTransfer("t-1", "5", null);
        missing.remove("amount");
        assertThat(prepare(missing).errorCodes()).contains("validation.msg.interoperation.transfer.amount.cannot.be.blank");

        ObjectNode longCurrency = Bodies.transfer("t-1", PAYER, "5", "TZSX", "PAYER", null);
        assertThat(prepare(longCurrency).errorCodes()).contains("validation.msg.interoperation.transfer.currency.exceeds.max.length");

        ObjectNode text = Bodies.payerTransfer("t-1", "5", null);
        ((ObjectNode) text.get("amount")).put("amount", "12,5x");
        SimulatorClient.Answer bad = prepare(text);
        assertThat(bad.firstErrorCode()).isEqualTo("validation.msg.invalid.decimal.format");
        assertThat(bad.json().path("errors").path(0).path("value").asText()).isEqualTo("12,5x");

        ObjectNode zero = Bodies.payeeTransfer("t-0", PAYEE, "0");
        assertThat(create(zero).status()).isEqualTo(200);
    }

    @Test
    void missingAccountPartyAndHoldAre404() {
        SimulatorClient.Answer account = api.get("/interoperation/accounts/no-such");
        assertThat(account.status()).isEqualTo(404);
        assertThat(account.firstErrorCode()).isEqualTo("error.msg.saving.account.id.invalid");
        assertThat(api.post("/interoperation/quotes", Bodies.quote("no-such", "1", "TZS", "PAYER")).firstErrorCode())
                .isEqualTo("error.msg.saving.account.id.invalid");
        assertThat(api.post("/interoperation/parties/MSISDN/1", Bodies.party("no-such")).firstErrorCode())
                .isEqualTo("error.msg.saving.account.id.invalid");
        assertThat(api.get("/interoperation/parties/EMAIL/a@b.c").firstErrorCode()).isEqualTo("error.msg.interop.account.not.found");
        assertThat(api.delete("/interoperation/parties/EMAIL/a@b.c").status()).isEqualTo(404);

        SimulatorClient.Answer release = release(Bodies.payerTransfer("t-none", "10", null));
        assertThat(release.status()).isEqualTo(404);
        assertThat(release.firstErrorCode()).isEqualTo("error.msg.interop.onhold.transfer.missing");
        assertThat(create(Bodies.payerTransfer("t-none", "10", null)).firstErrorCode())
                .isEqualTo("error.msg.interop.onhold.transfer.missing");
    }

    @Test
    void unknownIdentifierTypeIsAPlain404() {
        SimulatorClient.Answer answer = api.get("/interoperation/parties/PHONE/255786127431");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).isEqualTo("Not Found");
        assertThat(answer.json().get("path").asText()).isEqualTo("/fineract-provider/api/v1/interoperation/parties/PHONE/255786127431");
    }

    @Test
    void createWithADifferentTotalThanTheHoldIs404AndBooksNothing() {
        prepare(Bodies.payerTransfer("t-1", "351.16", "9.69"));
        SimulatorClient.Answer withoutFee = create(Bodies.payerTransfer("t-1", "351.16", null));
        assertThat(withoutFee.status()).isEqualTo(404);
        assertThat(withoutFee.firstErrorCode()).isEqualTo("error.msg.interop.onhold.transfer.missing");
        assertThat(account(PAYER).onHold()).isEqualByComparingTo("360.85");
        assertThat(account(PAYER).balance()).isEqualByComparingTo("8278.86");
    }

    @Test
    void insufficientBalanceUsesDifferentCodesOnQuoteAndPrepare() {
        SimulatorClient.Answer quote = api.post("/interoperation/quotes", Bodies.quote(PAYER, "8592.88", "TZS", "PAYER"));
        assertThat(quote.status()).isEqualTo(403);
        assertThat(quote.code()).isEqualTo("validation.msg.domain.rule.violation");
        assertThat(quote.firstErrorCode()).isEqualTo("error.msg.savingsaccount.transaction.insufficient.account.balance.withdraw");
        assertThat(quote.json().path("errors").path(0).path("args").toString()).isEqualTo(
                "[{\"value\":\"payer-20261128025457934\"},{\"value\":8278.86},{\"value\":9.69},{\"value\":8592.88}]");

        SimulatorClient.Answer prepare = prepare(Bodies.payerTransfer("t-1", "8270", "9.69"));
        assertThat(prepare.status()).isEqualTo(403);
        assertThat(prepare.firstErrorCode()).isEqualTo("error.msg.savingsaccount.transaction.insufficient.account.balance");
        assertThat(prepare.json().path("errors").path(0).path("args").toString()).isEqualTo(
                "[{\"value\":\"payer-20261128025457934\"},{\"value\":8278.86},{},{\"value\":8279.69}]");
        assertThat(account(PAYER).holds()).isEmpty();

        assertThat(prepare(Bodies.payerTransfer("t-2", "8269.17", "9.69")).status()).isEqualTo(200);
        assertThat(account(PAYER).availableBalance()).isZero();
    }

    @Test
    void currencyMismatchIs403() {
        SimulatorClient.Answer quote = api.post("/interoperation/quotes", Bodies.quote(PAYER, "10", "USD", "PAYER"));
        assertThat(quote.status()).isEqualTo(403);
        assertThat(quote.firstErrorCode()).isEqualTo("error.msg.accounttransfer.different.currencies");
        assertThat(quote.json().path("errors").path(0).path("developerMessage").asText()).isEqualTo("Trying to transfer from TZS to USD");
        assertThat(create(Bodies.transfer("t-1", PAYEE, "10", "USD", "PAYEE", null)).firstErrorCode())
                .isEqualTo("error.msg.accounttransfer.different.currencies");
        assertThat(api.post("/interoperation/requests", Bodies.request(PAYER, "10", "USD", "PAYER")).status()).isEqualTo(403);
    }

    @Test
    void feeAndCommissionCurrenciesAndTheCommissionLoweringTheHold() {
        ObjectNode feeInUsd = Bodies.payerTransfer("t-1", "10", null);
        feeInUsd.set("fspFee", Bodies.money("1", "USD"));
        assertThat(prepare(feeInUsd).status()).isEqualTo(500);

        ObjectNode commissionInUsd = Bodies.payerTransfer("t-1", "10", null);
        commissionInUsd.set("fspCommission", Bodies.money("1", "USD"));
        assertThat(prepare(commissionInUsd).firstErrorCode()).isEqualTo("error.msg.accounttransfer.different.currencies");

        ObjectNode withCommission = Bodies.payerTransfer("t-1", "100", "9.69");
        withCommission.set("fspCommission", Bodies.money("4.69", "TZS"));
        assertThat(prepare(withCommission).status()).isEqualTo(200);
        assertThat(account(PAYER).onHold()).isEqualByComparingTo("105.00");
        assertThat(create(withCommission).status()).isEqualTo(200);
        // The withdrawal-fee charge books the product's fee whatever the transfer said.
        assertThat(account(PAYER).balance()).isEqualByComparingTo("8169.17");
    }

    @Test
    void duplicateIdentifiers() {
        assertThat(api.post("/interoperation/parties/MSISDN/111", Bodies.party(PAYER)).status()).isEqualTo(200);
        SimulatorClient.Answer sameTypeSameAccount = api.post("/interoperation/parties/MSISDN/222", Bodies.party(PAYER));
        assertThat(sameTypeSameAccount.status()).isEqualTo(403);
        assertThat(sameTypeSameAccount.code()).isEqualTo("error.msg.interop.duplicate.account.identifier");
        assertThat(sameTypeSameAccount.json().get("developerMessage").asText())
                .isEqualTo("The request caused a data integrity issue to be fired by the database.");

        assertThat(api.post("/interoperation/parties/ALIAS/x/sub", Bodies.party(PAYER)).status()).isEqualTo(200);
        SimulatorClient.Answer sameValueWithSubId = api.post("/interoperation/parties/ALIAS/x/sub", Bodies.party(PAYEE));
        assertThat(sameValueWithSubId.status()).isEqualTo(403);
        assertThat(sameValueWithSubId.code()).isEqualTo("error.msg.interop.unknown.data.integrity.issue");

        // Without a sub-id, Fineract's unique constraint never fires (NULLs differ): both register, lookups then fail.
        assertThat(api.post("/interoperation/parties/MSISDN/111", Bodies.party(PAYEE)).status()).isEqualTo(200);
        assertThat(api.get("/interoperation/parties/MSISDN/111").status()).isEqualTo(500);
    }

    @Test
    void invalidEnumValuesAndNonObjectMembersAreUnhandled500s() {
        ObjectNode amountType = Bodies.quote(PAYER, "10", "TZS", "PAYER");
        amountType.put("amountType", "BOGUS");
        SimulatorClient.Answer answer = api.post("/interoperation/quotes", amountType);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("error").asText()).isEqualTo("Internal Server Error");
        assertThat(answer.json().get("path").asText()).isEqualTo("/fineract-provider/api/v1/interoperation/quotes");

        ObjectNode role = Bodies.payerTransfer("t-1", "10", null);
        role.put("transactionRole", "payer");
        assertThat(prepare(role).status()).isEqualTo(500);

        ObjectNode initiatorType = Bodies.payerTransfer("t-1", "10", null);
        ((ObjectNode) initiatorType.get("transactionType")).put("initiatorType", "ROBOT");
        assertThat(prepare(initiatorType).status()).isEqualTo(500);

        ObjectNode noAmountType = Bodies.quote(PAYER, "10", "TZS", "PAYER");
        noAmountType.remove("amountType");
        assertThat(api.post("/interoperation/quotes", noAmountType).status()).isEqualTo(500);

        ObjectNode scalarAmount = Bodies.payerTransfer("t-1", "10", null);
        scalarAmount.set("amount", IntNode.valueOf(10));
        assertThat(prepare(scalarAmount).status()).isEqualTo(500);

        ObjectNode nullFee = Bodies.payerTransfer("t-1", "10", null);
        nullFee.putNull("fspFee");
        assertThat(prepare(nullFee).status()).isEqualTo(500);

        assertThat(api.post("/interoperation/transfers?action=prepare", Bodies.payerTransfer("t-1", "10", null)).status()).isEqualTo(500);

        ObjectNode noCode = Bodies.request(PAYER, "10", "TZS", "PAYER");
        noCode.remove("transactionCode");
        assertThat(api.post("/interoperation/requests", noCode).status()).isEqualTo(500);
        assertThat(account(PAYER).holds()).isEmpty();
    }

    @Test
    void blankAndMalformedBodies() {
        SimulatorClient.Answer blank = api.post("/interoperation/transfers?action=PREPARE", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("userMessageGlobalisationCode").asText()).isEqualTo("error.msg.invalid.request.body");
        assertThat(blank.json().has("errors")).isFalse();

        SimulatorClient.Answer malformed = api.post("/interoperation/quotes", "{\"transactionCode\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("userMessageGlobalisationCode").asText()).isEqualTo("error.msg.invalid.request.body");
        assertThat(malformed.json().get("developerMessage").asText()).startsWith("The JSON syntax provided in the body of the request is invalid");
    }

    @Test
    void expiration() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ObjectNode future = Bodies.quote(PAYER, "10", "TZS", "PAYER");
        future.put("expiration", today.plusDays(7) + "T02:55:02.000");
        SimulatorClient.Answer refused = api.post("/interoperation/quotes", future);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.firstErrorCode()).isEqualTo("error.msg.interop.transaction.not.allowed");
        assertThat(prepare(withExpiration(Bodies.payerTransfer("t-1", "10", null), today.plusDays(1) + "T00:00:00.000")).status())
                .isEqualTo(403);
        assertThat(account(PAYER).holds()).isEmpty();

        ObjectNode todayExpiration = Bodies.payerTransfer("t-1", "10", null);
        todayExpiration.put("expiration", today + "T01:56:42.000");
        SimulatorClient.Answer accepted = prepare(todayExpiration);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("expiration").asText()).isEqualTo(today + "T01:56:42+0000");

        ObjectNode badFormat = Bodies.payerTransfer("t-2", "10", null);
        badFormat.put("expiration", today + " 01:56");
        SimulatorClient.Answer bad = prepare(badFormat);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.firstErrorCode()).isEqualTo("validation.msg.invalid.dateFormat.format");
    }

    @Test
    void secondPrepareAndSecondCreateAre403WithSwappedCodes() {
        assertThat(prepare(Bodies.payerTransfer("t-1", "100", "9.69")).status()).isEqualTo(200);
        SimulatorClient.Answer secondPrepare = prepare(Bodies.payerTransfer("t-1", "100", "9.69"));
        assertThat(secondPrepare.status()).isEqualTo(403);
        assertThat(secondPrepare.firstErrorCode()).isEqualTo("error.msg.interop.transfer.already.committed");
        assertThat(account(PAYER).onHold()).isEqualByComparingTo("109.69");

        assertThat(create(Bodies.payerTransfer("t-1", "100", "9.69")).status()).isEqualTo(200);
        SimulatorClient.Answer secondCreate = create(Bodies.payerTransfer("t-1", "100", "9.69"));
        assertThat(secondCreate.status()).isEqualTo(403);
        assertThat(secondCreate.firstErrorCode()).isEqualTo("error.msg.interop.transfer.already.on.hold");
        assertThat(account(PAYER).balance()).isEqualByComparingTo("8169.17");

        // A PREPARE after the CREATE still finds the (released) hold: already committed.
        assertThat(prepare(Bodies.payerTransfer("t-1", "100", "9.69")).firstErrorCode())
                .isEqualTo("error.msg.interop.transfer.already.committed");

        assertThat(create(Bodies.payeeTransfer("t-1", PAYEE, "100")).status()).isEqualTo(200);
        assertThat(create(Bodies.payeeTransfer("t-1", PAYEE, "100")).firstErrorCode())
                .isEqualTo("error.msg.interop.transfer.already.on.hold");
        assertThat(account(PAYEE).balance()).isEqualByComparingTo("100");
    }

    @Test
    void aForgottenWithdrawalIsNoLongerFoundByItsTransferCode() {
        prepare(Bodies.payerTransfer("t-1", "100", "9.69"));
        create(Bodies.payerTransfer("t-1", "100", "9.69"));
        long withdrawal = account(PAYER).transactions().stream().filter(t -> t.type().equals("WITHDRAWAL")).findFirst()
                .orElseThrow().id();
        sim.admin().forgetTransaction("default", PAYER, withdrawal);

        // Core banking no longer shows the debit: a CREATE again is no repeat, and debits (the hold was released).
        assertThat(create(Bodies.payerTransfer("t-1", "100", "9.69")).status()).isEqualTo(200);
        assertThat(account(PAYER).balance()).as("8278.86, less the fee twice and the amount once").isEqualByComparingTo("8159.48");
        // The booking it made is the one found now.
        assertThat(create(Bodies.payerTransfer("t-1", "100", "9.69")).firstErrorCode())
                .isEqualTo("error.msg.interop.transfer.already.on.hold");
    }

    @Test
    void releaseFreesTheHoldAndACreateAfterItStillDebits() {
        prepare(Bodies.payerTransfer("t-1", "99.79", "9.69"));
        assertThat(release(Bodies.payerTransfer("t-1", "99.79", "9.69")).status()).isEqualTo(200);
        assertThat(account(PAYER).onHold()).isZero();
        assertThat(account(PAYER).availableBalance()).isEqualByComparingTo("8278.86");

        SimulatorClient.Answer again = release(Bodies.payerTransfer("t-1", "99.79", "9.69"));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.firstErrorCode()).isEqualTo("error.msg.interop.onhold.transfer.missing");

        assertThat(create(Bodies.payerTransfer("t-1", "99.79", "9.69")).status()).isEqualTo(200);
        assertThat(account(PAYER).balance()).isEqualByComparingTo("8169.38");
        assertThat(account(PAYER).transactions()).extracting(TransactionSnapshot::type)
                .containsExactly("DEPOSIT", "AMOUNT_HOLD", "AMOUNT_RELEASE", "WITHDRAWAL_FEE", "WITHDRAWAL");
    }

    @Test
    void createAfterReleaseIsStillRefusedWhenTheMoneyIsGone() {
        prepare(Bodies.payerTransfer("t-1", "8000", null));
        release(Bodies.payerTransfer("t-1", "8000", null));
        prepare(Bodies.payerTransfer("t-2", "8000", null));
        SimulatorClient.Answer create = create(Bodies.payerTransfer("t-1", "8000", null));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.firstErrorCode()).isEqualTo("error.msg.savingsaccount.transaction.insufficient.account.balance");
        assertThat(create.json().path("errors").path(0).path("args").path(0).path("value").asText()).isEqualTo("transactionAmount");
        assertThat(account(PAYER).balance()).isEqualByComparingTo("8278.86");
        assertThat(account(PAYER).onHold()).isEqualByComparingTo("8000");
    }

    @Test
    void prepareAsPayeeDoesNotLookAtTheAccount() {
        assertThat(prepare(Bodies.payeeTransfer("t-1", "no-such-account", "10")).status()).isEqualTo(200);
    }

    @Test
    void getStubsAndTheFailingTransactionsList() {
        SimulatorClient.Answer request = api.get("/interoperation/transactions/tx-1/requests/rq-1");
        assertThat(request.status()).isEqualTo(200);
        assertThat(request.text()).isEqualTo("{\"requestCode\":\"rq-1\",\"transactionCode\":\"tx-1\",\"state\":\"REJECTED\"}");
        assertThat(api.get("/interoperation/transactions/tx-1/quotes/q-1").text()).isEqualTo("null");
        assertThat(api.get("/interoperation/transactions/tx-1/transfers/t-1").text()).isEqualTo("null");

        assertThat(api.get("/interoperation/accounts/" + PAYER + "/transactions").status()).isEqualTo(500);
        assertThat(api.get("/interoperation/accounts/no-such/transactions").status()).isEqualTo(404);
    }

    @Test
    void extensionListIsEchoed() {
        ObjectNode body = Bodies.payeeTransfer("t-1", PAYEE2, "5");
        body.putArray("extensionList").addObject().put("key", "k").put("value", "v");
        body.put("note", "salary");
        SimulatorClient.Answer answer = create(body);
        assertThat(answer.json().get("extensionList").toString()).isEqualTo("[{\"key\":\"k\",\"value\":\"v\"}]");
        assertThat(account(PAYEE2).transactions().get(0).note()).isEqualTo("salary");
    }

    private static ObjectNode withExpiration(ObjectNode body, String expiration) {
        body.put("expiration", expiration);
        return body;
    }
}
