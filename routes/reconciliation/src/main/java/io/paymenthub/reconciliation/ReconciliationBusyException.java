package io.paymenthub.reconciliation;

/** Another run of the tenant's day holds it: this one was not started. */
public class ReconciliationBusyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ReconciliationBusyException(String message) {
        super(message);
    }
}
