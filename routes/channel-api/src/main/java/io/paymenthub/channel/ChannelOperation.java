package io.paymenthub.channel;

/** The channel API's operations; over JMS, the {@code channelOperation} property names one. */
public enum ChannelOperation {
    CREATE_TRANSFER("createTransfer"),
    GET_TRANSFER("getTransfer"),
    FIND_TRANSFER("findTransfer"),
    CONFIRM_TRANSFER("confirmTransfer");

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
        throw new ChannelException(400, "UNKNOWN_OPERATION", "channelOperation must be one of createTransfer, getTransfer, "
                + "findTransfer, confirmTransfer");
    }
}
