package io.paymenthub.flow.payer;

/**
 * The queues and JMS properties of the payer flow. A message on {@link #STEPS} wakes a transfer
 * up for the step due in the state it names; the journal, not the message, holds the transfer.
 * The switch's callbacks come back on {@link #REPLIES} with the transferId as correlation.
 * Final states (and a quote awaiting the payer's confirmation) go to {@link #EVENTS}, from which
 * the channel API notifies the tenant's channels.
 */
public final class PayerMessages {

    public static final String STEPS = "payer.steps";
    public static final String REPLIES = "payer.replies";
    public static final String EVENTS = "channel.events";

    /** The transfer a step message is for. */
    public static final String TRANSFER_ID = "payerTransferId";
    /** The state the transfer was in when its step was asked for. */
    public static final String STATE = "payerState";
    /** On a notification: the tenant and the final state. */
    public static final String TENANT = "hubTenant";
    public static final String FINAL_STATE = "transferState";

    private PayerMessages() {
    }
}
