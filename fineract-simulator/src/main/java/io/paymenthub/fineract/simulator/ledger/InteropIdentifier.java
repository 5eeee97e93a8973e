package io.paymenthub.fineract.simulator.ledger;

/** A party identifier (MSISDN, IBAN...) pointing at a savings account; subIdOrType may be null. */
public record InteropIdentifier(long id, String idType, String idValue, String subIdOrType, SavingsAccount account) {}
