package io.paymenthub.fineract.simulator.ledger;

public record PaymentType(long id, String name, boolean cashPayment) {}
