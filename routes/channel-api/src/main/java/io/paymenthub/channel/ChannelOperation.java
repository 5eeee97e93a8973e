package io.paymenthub.channel;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The channel API's operations; over JMS, the {@code channelOperation} property names one. Each is
 * for one role of the tenant: its channel, its batch approver, or its back office.
 */
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
    APPROVE_BATCH("approveBatch", Role.APPROVER),
    RUN_RECONCILIATION("runReconciliation", Role.BACK_OFFICE),
    GET_RECONCILIATION("getReconciliation", Role.BACK_OFFICE),
    GET_RECONCILIATION_BREAKS("getReconciliationBreaks", Role.BACK_OFFICE),
    GET_RECONCILIATION_TOTALS("getReconciliationTotals", Role.BACK_OFFICE);

    /** Who of a tenant may ask for an operation, each with credentials of its own. */
    public enum Role {
        /** The tenant's channel ({@code channel.*}), over REST or JMS. */
        CHANNEL,
        /** The approver of the tenant's batches ({@code bulk.approver.*}), over REST only. */
        APPROVER,
        /** The tenant's back office ({@code backOffice.*}), who runs and reads reconciliations, over REST only. */
        BACK_OFFICE
    }

    private final String jmsName;
    private final Role role;

    ChannelOperation(String jmsName) {
        this(jmsName, Role.CHANNEL);
    }

    ChannelOperation(String jmsName, Role role) {
        this.jmsName = jmsName;
        this.role = role;
    }

    public Role role() {
        return role;
    }

    /** Whether the operation sets money moving anew: refused while the tenant is suspended. */
    public boolean startsNewWork() {
        return this == CREATE_TRANSFER || this == CREATE_REQUEST || this == CREATE_BATCH || this == APPROVE_BATCH;
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
