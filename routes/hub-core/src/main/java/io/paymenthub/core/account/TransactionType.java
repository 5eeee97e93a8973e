package io.paymenthub.core.account;

/** Mojaloop's transaction type: scenario (TRANSFER, PAYMENT...), initiator (PAYER, PAYEE) and initiator type. */
public record TransactionType(String scenario, String initiator, String initiatorType) {

    public static TransactionType p2pTransfer() {
        return new TransactionType("TRANSFER", "PAYER", "CONSUMER");
    }
}
