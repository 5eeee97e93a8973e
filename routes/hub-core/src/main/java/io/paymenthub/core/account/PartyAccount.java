package io.paymenthub.core.account;

/** The account an identifier belongs to. */
public record PartyAccount(PartyId party, String accountId) {
}
