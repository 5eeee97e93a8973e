package io.paymenthub.fspiop.ilp;

import java.util.Objects;

/**
 * What a payee produces for a quote: {@code ilpPacket} and {@code condition} go into PUT /quotes,
 * {@code fulfilment} is the secret answer that later goes into PUT /transfers. The payee need not
 * store the fulfilment: it recomputes it from the packet (see {@link MojaloopIlp#fulfilmentOf}).
 */
public record IlpResponse(String fulfilment, String condition, String ilpPacket) {

    public IlpResponse {
        Objects.requireNonNull(fulfilment, "fulfilment");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(ilpPacket, "ilpPacket");
    }
}
