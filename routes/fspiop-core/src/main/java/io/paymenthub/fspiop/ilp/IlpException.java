package io.paymenthub.fspiop.ilp;

/** An ILP value that cannot be built or read: bad amount for the currency, malformed packet, bad expiration. */
public class IlpException extends IllegalArgumentException {

    public IlpException(String message) {
        super(message);
    }

    public IlpException(String message, Throwable cause) {
        super(message, cause);
    }
}
