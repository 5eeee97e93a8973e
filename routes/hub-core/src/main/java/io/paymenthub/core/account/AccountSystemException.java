package io.paymenthub.core.account;

/**
 * A core-banking call that failed. The message is safe to log and to show an operator: it carries
 * the system's own reason but never credentials.
 */
public class AccountSystemException extends RuntimeException {

    private final AccountSystemError error;
    private final int httpStatus;
    private final String systemCode;

    public AccountSystemException(AccountSystemError error, String message, int httpStatus, String systemCode) {
        super(message);
        this.error = error;
        this.httpStatus = httpStatus;
        this.systemCode = systemCode;
    }

    public AccountSystemException(AccountSystemError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.httpStatus = 0;
        this.systemCode = null;
    }

    public AccountSystemError error() {
        return error;
    }

    /** The HTTP status the system answered with, or 0 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The system's own error code (Fineract: its globalisation code), or null. */
    public String systemCode() {
        return systemCode;
    }
}
