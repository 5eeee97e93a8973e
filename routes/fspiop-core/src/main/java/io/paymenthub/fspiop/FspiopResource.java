package io.paymenthub.fspiop;

import java.util.Arrays;
import java.util.Optional;

/** The FSPIOP v1.x resources: the first path segment and the name inside the media type. */
public enum FspiopResource {
    PARTIES("parties"),
    PARTICIPANTS("participants"),
    QUOTES("quotes"),
    TRANSFERS("transfers"),
    TRANSACTION_REQUESTS("transactionRequests"),
    AUTHORIZATIONS("authorizations"),
    BULK_QUOTES("bulkQuotes"),
    BULK_TRANSFERS("bulkTransfers");

    private final String path;

    FspiopResource(String path) {
        this.path = path;
    }

    /** The name as it appears in URLs and content types, e.g. {@code transactionRequests}. */
    public String path() {
        return path;
    }

    /** Case-sensitive, as Mojaloop matches it. */
    public static Optional<FspiopResource> fromPath(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }

    @Override
    public String toString() {
        return path;
    }
}
