package io.paymenthub.core.settlement;

/** The switch's settlement API could not be asked, or answered an error. */
public class SwitchSettlementException extends RuntimeException {

    public SwitchSettlementException(String message, Throwable cause) {
        super(message, cause);
    }

    public SwitchSettlementException(String message) {
        super(message);
    }
}
