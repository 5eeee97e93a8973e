package io.paymenthub.connector.fineract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;

/** Fineract's error documents, as the recorded session shows them, typed into hub errors. */
class FineractErrorsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "404, error.msg.interop.account.not.found, PARTY_NOT_FOUND",
        "404, error.msg.saving.account.id.invalid, ACCOUNT_NOT_FOUND",
        "404, error.msg.interop.onhold.transfer.missing, HOLD_NOT_FOUND",
        "403, error.msg.savingsaccount.transaction.insufficient.account.balance, INSUFFICIENT_FUNDS",
        "403, error.msg.savingsaccount.transaction.insufficient.account.balance.withdraw, INSUFFICIENT_FUNDS",
        "403, error.msg.accounttransfer.different.currencies, CURRENCY_MISMATCH",
        "403, error.msg.interop.transaction.not.allowed, TRANSACTION_NOT_ALLOWED",
        "403, error.msg.interop.duplicate.account.identifier, DUPLICATE_IDENTIFIER",
        "400, error.msg.parameter.unsupported, VALIDATION",
        "400, validation.msg.interoperation.quote.transactionType.cannot.be.blank, VALIDATION",
        "403, validation.msg.domain.rule.violation, TRANSACTION_NOT_ALLOWED",
        "500, error.msg.platform.server.side.error, INTERNAL",
        "503, error.msg.unavailable, UNAVAILABLE",
    })
    void typesFineractsErrorCodes(int status, String code, AccountSystemError expected) throws Exception {
        FineractResponse response = new FineractResponse(status, FineractJson.read("""
                {"developerMessage":"x","httpStatusCode":"%d","defaultUserMessage":"x",
                 "userMessageGlobalisationCode":"error.msg.resource.not.found",
                 "errors":[{"developerMessage":"detail","defaultUserMessage":"what went wrong",
                            "userMessageGlobalisationCode":"%s","parameterName":"id","args":[]}]}
                """.formatted(status, code)));

        AccountSystemException error = FineractErrors.toException("prepare", "dfsp1", response);

        assertThat(error.error()).isEqualTo(expected);
        assertThat(error.systemCode()).isEqualTo(code);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.getMessage()).contains("dfsp1", "what went wrong", code);
    }

    /**
     * Two deliveries of one message (a switch that sends its callbacks twice) make the same call with
     * the same key at once; Fineract answers the second 425 while the first runs. That passes: asked
     * again, the call gets the first one's outcome.
     */
    @Test
    void aCallWhoseTwinIsStillRunningIsTransient() throws Exception {
        AccountSystemException error = FineractErrors.toException("quote", "dfsp1", new FineractResponse(425, FineractJson.read("{}")));

        assertThat(error.error()).isEqualTo(AccountSystemError.UNAVAILABLE);
        assertThat(error.error().isTransient()).isTrue();
        assertThat(error.getMessage()).contains("HTTP 425", "still running");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"error.msg.interop.transfer.already.committed", "error.msg.interop.transfer.already.on.hold"})
    void recognisesBothAlreadyDoneCodes(String code) throws Exception {
        FineractResponse response = new FineractResponse(403, FineractJson.read(
                "{\"errors\":[{\"userMessageGlobalisationCode\":\"" + code + "\"}]}"));

        assertThat(FineractErrors.isAlreadyDone(response)).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"400, tenant id", "401, credentials"})
    void springsOwnErrorDocumentsAreConfigurationErrors(int status, String mentioned) throws Exception {
        FineractResponse response = new FineractResponse(status, FineractJson.read(
                "{\"timestamp\":\"2026-11-28T02:55:05.269Z\",\"status\":" + status + ",\"error\":\"Bad Request\","
                        + "\"path\":\"/fineract-provider/api/v1/interoperation/health\"}"));

        AccountSystemException error = FineractErrors.toException("account", "dfsp1", response);

        assertThat(error.error()).isEqualTo(AccountSystemError.NOT_AUTHORIZED);
        assertThat(error.getMessage()).contains(mentioned);
    }
}
