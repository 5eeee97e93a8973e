package io.paymenthub.connector.fineract;

import java.util.Map;

import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;

/**
 * Types Fineract's error answers. Fineract's globalisation codes say what happened; the HTTP
 * status alone does not (404 is an unknown party, an unknown account or a missing hold alike).
 */
final class FineractErrors {

    static final String ALREADY_COMMITTED = "error.msg.interop.transfer.already.committed";
    static final String ALREADY_ON_HOLD = "error.msg.interop.transfer.already.on.hold";
    static final String HOLD_MISSING = "error.msg.interop.onhold.transfer.missing";

    private static final Map<String, AccountSystemError> BY_CODE = Map.ofEntries(
            Map.entry("error.msg.interop.account.not.found", AccountSystemError.PARTY_NOT_FOUND),
            Map.entry("error.msg.saving.account.id.invalid", AccountSystemError.ACCOUNT_NOT_FOUND),
            Map.entry("error.msg.savingsaccount.not.found", AccountSystemError.ACCOUNT_NOT_FOUND),
            Map.entry("error.msg.client.id.invalid", AccountSystemError.ACCOUNT_NOT_FOUND),
            Map.entry("error.msg.savingsaccount.transaction.insufficient.account.balance", AccountSystemError.INSUFFICIENT_FUNDS),
            Map.entry("error.msg.savingsaccount.transaction.insufficient.account.balance.withdraw", AccountSystemError.INSUFFICIENT_FUNDS),
            Map.entry("error.msg.accounttransfer.different.currencies", AccountSystemError.CURRENCY_MISMATCH),
            Map.entry("error.msg.interop.transaction.not.allowed", AccountSystemError.TRANSACTION_NOT_ALLOWED),
            Map.entry("error.msg.interop.duplicate.account.identifier", AccountSystemError.DUPLICATE_IDENTIFIER),
            Map.entry("error.msg.interop.unknown.data.integrity.issue", AccountSystemError.DUPLICATE_IDENTIFIER),
            Map.entry(HOLD_MISSING, AccountSystemError.HOLD_NOT_FOUND));

    private FineractErrors() {
    }

    /** Whether Fineract said this booking was already made (its two codes are swapped between PREPARE and CREATE). */
    static boolean isAlreadyDone(FineractResponse response) {
        String code = response.globalisationCode();
        return response.status() == 403 && (ALREADY_COMMITTED.equals(code) || ALREADY_ON_HOLD.equals(code));
    }

    static AccountSystemException toException(String operation, String tenant, FineractResponse response) {
        String code = response.globalisationCode();
        AccountSystemError error = code == null ? null : BY_CODE.get(code);
        if (error == null) {
            error = switch (response.status()) {
                case 400 -> AccountSystemError.VALIDATION;
                case 401 -> AccountSystemError.NOT_AUTHORIZED;
                case 403 -> AccountSystemError.TRANSACTION_NOT_ALLOWED;
                case 404 -> AccountSystemError.ACCOUNT_NOT_FOUND;
                // 425: a call with the same idempotency key is still running; once it ends, a repeat gets its outcome.
                case 425, 502, 503, 504 -> AccountSystemError.UNAVAILABLE;
                default -> AccountSystemError.INTERNAL;
            };
        }
        String reason = response.message();
        if (response.status() == 400 && isFilterRejection(response)) {
            // Refused before any API code ran: the Fineract tenant id of the configuration is unknown there.
            error = AccountSystemError.NOT_AUTHORIZED;
            reason = "Fineract does not know the tenant id configured as fineract.tenantId";
        } else if (response.status() == 425) {
            reason = "the same call (its Idempotency-Key) is still running in Fineract: asked again later, it gets that call's outcome";
        } else if (response.status() == 401) {
            reason = "Fineract refused the credentials configured as fineract.username and fineract.password";
        }
        String message = "Fineract " + operation + " for tenant " + tenant + " failed: HTTP " + response.status()
                + (code == null ? "" : " " + code) + ": " + reason;
        return new AccountSystemException(error, message, response.status(), code);
    }

    /** Spring's own error document ({@code timestamp, status, error, path}) instead of Fineract's. */
    private static boolean isFilterRejection(FineractResponse response) {
        return response.body().has("timestamp") && response.body().has("error") && !response.body().has("errors");
    }
}
