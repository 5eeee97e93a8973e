package io.paymenthub.fspiop;

import java.util.Objects;

/** An FSPIOP error to answer with: its code, the body to send and the HTTP status for a synchronous answer. */
public class FspiopException extends RuntimeException {

    private final FspiopErrorCode code;
    private final ErrorInformation errorInformation;

    public FspiopException(FspiopErrorCode code, String detail) {
        this(code, ErrorInformation.of(code, detail), null);
    }

    public FspiopException(FspiopErrorCode code, String detail, Throwable cause) {
        this(code, ErrorInformation.of(code, detail), cause);
    }

    /** For bodies built elsewhere, e.g. with extensions; {@code code} gives the HTTP status. */
    public FspiopException(FspiopErrorCode code, ErrorInformation errorInformation) {
        this(code, errorInformation, null);
    }

    private FspiopException(FspiopErrorCode code, ErrorInformation errorInformation, Throwable cause) {
        super(errorInformation.errorCode() + " " + errorInformation.errorDescription(), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.errorInformation = errorInformation;
    }

    public FspiopErrorCode code() {
        return code;
    }

    /** The body of the error callback or synchronous error answer. */
    public ErrorInformation errorInformation() {
        return errorInformation;
    }

    /** The status to use when the error is answered synchronously instead of by callback. */
    public int httpStatus() {
        return code.httpStatus();
    }
}
