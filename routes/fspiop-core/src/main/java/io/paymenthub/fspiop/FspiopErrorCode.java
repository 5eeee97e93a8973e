package io.paymenthub.fspiop;

import java.util.Arrays;
import java.util.Optional;

/**
 * FSPIOP error codes 1xxx-5xxx: the v1.1 specification's table (section 7.6 of the API
 * definition) with the names, descriptions and synchronous HTTP statuses Mojaloop uses
 * ({@code @mojaloop/central-services-error-handling}). 2006, 3040 and 5107 are Mojaloop additions a
 * switch may send. The first digit is the category (1 communication, 2 server, 3 client,
 * 4 payer, 5 payee); callbacks carry the code, only synchronous answers use the status.
 */
public enum FspiopErrorCode {
    COMMUNICATION_ERROR("1000", "Communication error"),
    DESTINATION_COMMUNICATION_ERROR("1001", "Destination communication error"),

    SERVER_ERROR("2000", "Generic server error"),
    INTERNAL_SERVER_ERROR("2001", "Internal server error"),
    NOT_IMPLEMENTED("2002", "Not implemented", 501),
    SERVICE_CURRENTLY_UNAVAILABLE("2003", "Service currently unavailable", 503),
    SERVER_TIMED_OUT("2004", "Server timed out"),
    SERVER_BUSY("2005", "Server busy"),
    PARTY_RESOLUTION_FAILURE("2006", "Temporary party resolution failed, try again", 503),

    CLIENT_ERROR("3000", "Generic client error", 400),
    METHOD_NOT_ALLOWED("3000", "Generic client error - Method Not Allowed", 405),
    UNACCEPTABLE_VERSION("3001", "Unacceptable version requested", 406),
    UNKNOWN_URI("3002", "Unknown URI", 404),
    ADD_PARTY_INFO_ERROR("3003", "Add Party information error"),
    DELETE_PARTY_INFO_ERROR("3040", "Delete Party information error"),

    VALIDATION_ERROR("3100", "Generic validation error", 400),
    MALFORMED_SYNTAX("3101", "Malformed syntax", 400),
    MISSING_ELEMENT("3102", "Missing mandatory element", 400),
    TOO_MANY_ELEMENTS("3103", "Too many elements", 400),
    TOO_LARGE_PAYLOAD("3104", "Too large payload", 400),
    INVALID_SIGNATURE("3105", "Invalid signature", 400),
    MODIFIED_REQUEST("3106", "Modified request", 400),
    MISSING_MANDATORY_EXTENSION("3107", "Missing mandatory extension parameter", 400),

    ID_NOT_FOUND("3200", "Generic ID not found", 400),
    DESTINATION_FSP_ERROR("3201", "Destination FSP Error"),
    PAYER_FSP_ID_NOT_FOUND("3202", "Payer FSP ID not found"),
    PAYEE_FSP_ID_NOT_FOUND("3203", "Payee FSP ID not found"),
    PARTY_NOT_FOUND("3204", "Party not found", 400),
    QUOTE_ID_NOT_FOUND("3205", "Quote ID not found"),
    TXN_REQUEST_ID_NOT_FOUND("3206", "Transaction request ID not found"),
    TXN_ID_NOT_FOUND("3207", "Transaction ID not found"),
    TRANSFER_ID_NOT_FOUND("3208", "Transfer ID not found"),
    BULK_QUOTE_ID_NOT_FOUND("3209", "Bulk quote ID not found"),
    BULK_TRANSFER_ID_NOT_FOUND("3210", "Bulk transfer ID not found"),

    EXPIRED_ERROR("3300", "Generic expired error"),
    TXN_REQUEST_EXPIRED("3301", "Transaction request expired"),
    QUOTE_EXPIRED("3302", "Quote expired"),
    TRANSFER_EXPIRED("3303", "Transfer expired"),

    PAYER_ERROR("4000", "Generic Payer error"),
    PAYER_FSP_INSUFFICIENT_LIQUIDITY("4001", "Payer FSP insufficient liquidity"),
    PAYER_REJECTION("4100", "Generic Payer rejection"),
    PAYER_REJECTED_TXN_REQUEST("4101", "Payer rejected transaction request"),
    PAYER_FSP_UNSUPPORTED_TXN_TYPE("4102", "Payer FSP unsupported transaction type"),
    PAYER_UNSUPPORTED_CURRENCY("4103", "Payer unsupported currency"),
    PAYER_LIMIT_ERROR("4200", "Payer limit error"),
    PAYER_PERMISSION_ERROR("4300", "Payer permission error"),
    PAYER_BLOCKED_ERROR("4400", "Generic Payer blocked error"),

    PAYEE_ERROR("5000", "Generic Payee error"),
    PAYEE_FSP_INSUFFICIENT_LIQUIDITY("5001", "Payee FSP insufficient liquidity"),
    PAYEE_REJECTION("5100", "Generic Payee rejection"),
    PAYEE_REJECTED_QUOTE("5101", "Payee rejected quote"),
    PAYEE_FSP_UNSUPPORTED_TXN_TYPE("5102", "Payee FSP unsupported transaction type"),
    PAYEE_FSP_REJECTED_QUOTE("5103", "Payee FSP rejected quote"),
    PAYEE_REJECTED_TXN("5104", "Payee rejected transaction"),
    PAYEE_FSP_REJECTED_TXN("5105", "Payee FSP rejected transaction"),
    PAYEE_UNSUPPORTED_CURRENCY("5106", "Payee unsupported currency"),
    PAYEE_IDENTIFIER_NOT_VALID("5107", "Payee identifier no-longer valid"),
    PAYEE_LIMIT_ERROR("5200", "Payee limit error"),
    PAYEE_PERMISSION_ERROR("5300", "Payee permission error"),
    GENERIC_PAYEE_BLOCKED_ERROR("5400", "Generic Payee blocked error");

    private final String code;
    private final String description;
    private final int httpStatus;

    FspiopErrorCode(String code, String description) {
        this(code, description, categoryStatus(code));
    }

    FspiopErrorCode(String code, String description, int httpStatus) {
        this.code = code;
        this.description = description;
        this.httpStatus = httpStatus;
    }

    /** The four-digit code as it travels in {@code errorInformation.errorCode}. */
    public String code() {
        return code;
    }

    /** The specification's description, used as {@code errorDescription} by default. */
    public String description() {
        return description;
    }

    /** HTTP status when the error is answered synchronously instead of by an error callback. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The entry for a code; for 3000 the generic client error, not the 405 variant. */
    public static Optional<FspiopErrorCode> fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }

    // Mojaloop's defaults per category: communication 503, server 500, everything else 400.
    private static int categoryStatus(String code) {
        return switch (code.charAt(0)) {
            case '1' -> 503;
            case '2' -> 500;
            default -> 400;
        };
    }
}
