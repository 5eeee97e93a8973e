package io.paymenthub.fspiop.ilp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * ILP v4 as the SDK's {@code IlpV4} class builds it:
 * <ol>
 *   <li>fulfilment = HMAC-SHA256(secret key, standard base64 of the transaction object's UTF-8
 *       JSON text), base64url;</li>
 *   <li>condition = base64url(SHA-256(fulfilment bytes));</li>
 *   <li>packet = Prepare(amount in minor units, expiresAt = transaction object's
 *       {@code expiration}, executionCondition = condition, destination {@code g.mojaloop},
 *       data = transaction object), base64url.</li>
 * </ol>
 */
public final class MojaloopIlpV4 implements MojaloopIlp {

    private final String secret;

    public MojaloopIlpV4(String secret) {
        this.secret = MojaloopIlp.requireSecret(secret);
    }

    @Override
    public IlpVersion version() {
        return IlpVersion.V4;
    }

    @Override
    public IlpResponse responseFor(TransactionObject transactionObject) {
        String fulfilment = fulfilmentFor(transactionObject);
        String condition = IlpCrypto.conditionOf(fulfilment);
        Instant expiresAt = IsoDateTime.parse(transactionObject.text("expiration").orElse(null));
        IlpPacket packet = new IlpPacket(
                IlpAmount.toIlp(
                        transactionObject.text("amount", "amount").orElseThrow(() -> new IlpException("transaction object has no amount.amount")),
                        transactionObject.text("amount", "currency").orElseThrow(() -> new IlpException("transaction object has no amount.currency"))),
                expiresAt,
                Base64Url.decode(condition),
                IlpAddress.MOJALOOP,
                transactionObject.toIlpData());
        return new IlpResponse(fulfilment, condition, packet.toBase64Url());
    }

    /** Recomputed from the transaction object in the packet: v4 fulfilments never depend on the packet bytes. */
    @Override
    public String fulfilmentOf(String ilpPacket) {
        return fulfilmentFor(decode(ilpPacket).transactionObject());
    }

    @Override
    public DecodedIlpPacket decode(String ilpPacket) {
        return decode(Base64Url.decode(ilpPacket));
    }

    static DecodedIlpPacket decode(byte[] bytes) {
        IlpPacket packet = IlpPacket.fromBytes(bytes);
        return new DecodedIlpPacket(IlpVersion.V4, packet.amount(), packet.destination(), packet.expiresAt(),
                packet.executionConditionBase64Url(), TransactionObject.fromIlpData(packet.data()));
    }

    private String fulfilmentFor(TransactionObject transactionObject) {
        String message = Base64.getEncoder().encodeToString(transactionObject.toJson().getBytes(StandardCharsets.UTF_8));
        return IlpCrypto.fulfilment(secret, message);
    }

    @Override
    public String toString() {
        return "MojaloopIlpV4[secret hidden]";
    }
}
