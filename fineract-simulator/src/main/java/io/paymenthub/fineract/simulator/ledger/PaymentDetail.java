package io.paymenthub.fineract.simulator.ledger;

/**
 * Payment details of a transaction. Interop bookings carry routingCode {@value #INTEROP_ROUTING_CODE} and the
 * transferCode as receiptNumber; that pair is how Fineract finds a transfer's hold, withdrawal or deposit.
 */
public record PaymentDetail(long id, PaymentType paymentType, String accountNumber, String checkNumber, String routingCode,
        String receiptNumber, String bankNumber) {

    public static final String INTEROP_ROUTING_CODE = "INTEROPERATION";

    public boolean isInterop(String transferCode) {
        return INTEROP_ROUTING_CODE.equals(routingCode) && transferCode.equals(receiptNumber);
    }
}
