package io.paymenthub.core.account;

/** The side of a transfer an account is on. */
public enum Role {
    PAYER, PAYEE
}
