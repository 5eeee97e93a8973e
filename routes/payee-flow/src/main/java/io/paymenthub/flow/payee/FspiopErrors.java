package io.paymenthub.flow.payee;

import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Role;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/** A core-banking failure on the payee's side, as the FSPIOP error its callback carries. */
final class FspiopErrors {

    private FspiopErrors() {
    }

    /**
     * The error to answer the switch with, for a failure that will not pass by itself; a transient
     * one (core banking unreachable) is thrown again, so that the message goes back to the queue
     * and the outcome is never guessed.
     */
    static ErrorInformation payeeErrorOrRetry(AccountSystemException e) {
        if (e.error().isTransient()) {
            throw e;
        }
        return payeeError(e);
    }

    private static ErrorInformation payeeError(AccountSystemException e) {
        FspiopErrorCode code = FspiopErrorCode.fromCode(e.error().fspiopCode(Role.PAYEE)).orElse(FspiopErrorCode.PAYEE_ERROR);
        // The core banking's own words stay in the hub's log; the switch gets the code's meaning.
        return ErrorInformation.of(code);
    }
}
