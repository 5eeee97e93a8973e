package io.paymenthub.channel;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The channel API's operations; over JMS, the {@code channelOperation} property names one. */
public enum ChannelOperation {
    CREATE_TRANSFER("createTransfer"),
    GET_TRANSFER("getTransfer"),
    FIND_TRANSFER("findTransfer"),
    CONFIRM_TRANSFER("confirmTransfer"),
    CREATE_REQUEST("createRequest"),
    GET_REQUEST("getRequest"),
    FIND_REQUEST("findRequest"),
    RESPOND_TO_REQUEST("respondToRequest"),
    CREATE_BATCH("createBatch"),
    GET_BATCH("getBatch"),
    FIND_BATCH("findBatch"),
    GET_BATCH_ITEMS("getBatchItems"),
    GET_BATCH_REPORT("getBatchReport"),
    APPROVE_BATCH("approveBatch"),
    RUN_RECONCILIATION("runReconciliation"),
    GET_RECONCILIATION("getReconciliation"),
    GET_RECONCILIATION_BREAKS("getReconciliationBreaks"),
    GET_RECONCILIATION_TOTALS("getReconciliationTotals");

    private final String jmsName;

    ChannelOperation(String jmsName) {
        this.jmsName = jmsName;
    }

    public String jmsName() {
        return jmsName;
    }

    public static ChannelOperation fromJmsName(String name) {
        for (ChannelOperation operation : values()) {
            if (operation.jmsName.equals(name)) {
                return operation;
            }
        }
        throw new ChannelException(400, "UNKNOWN_OPERATION", "channelOperation must be one of "
                + Arrays.stream(values()).map(ChannelOperation::jmsName).collect(Collectors.joining(", ")));
    }
}
