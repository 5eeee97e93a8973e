package io.paymenthub.fspiop.ilp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The terms an {@code ilpPacket} carries, whatever its version.
 *
 * @param amount             minor units of the transaction object's currency
 * @param address            v4 destination ({@code g.mojaloop}) or v1 account
 * @param expiresAt          v4 only; null for v1
 * @param executionCondition v4 only, base64url; null for v1
 */
public record DecodedIlpPacket(IlpVersion version, BigInteger amount, String address, Instant expiresAt,
                               String executionCondition, TransactionObject transactionObject) {

    public DecodedIlpPacket {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transactionObject, "transactionObject");
    }

    /**
     * When the quoted terms stop holding: the v4 packet's expiresAt, else the transaction object's
     * {@code expiration} (the quote's); empty when neither is there or readable.
     */
    public Optional<Instant> expiry() {
        if (expiresAt != null) {
            return Optional.of(expiresAt);
        }
        try {
            return transactionObject.text("expiration").map(IsoDateTime::parse);
        } catch (IlpException e) {
            return Optional.empty();
        }
    }
}
