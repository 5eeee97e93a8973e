package io.paymenthub.core.account;

/** The system's answer to a request to pay: accepted, or rejected. */
public record TransactionRequestCheck(String requestCode, boolean accepted) {
}
