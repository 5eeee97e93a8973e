package io.paymenthub.core.account;

/** The fee the system charges its customer for a quoted transaction (zero when none). */
public record FeeQuote(String quoteCode, Money fee) {
}
