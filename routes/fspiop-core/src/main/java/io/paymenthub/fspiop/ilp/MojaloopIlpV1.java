package io.paymenthub.fspiop.ilp;

import java.util.Locale;

/**
 * ILP v1 as the SDK's {@code IlpV1} class builds it:
 * <ol>
 *   <li>packet = payment(amount in minor units, account
 *       {@code g.<payee fspId>.<partyIdType>.<partyIdentifier>[.<partySubIdOrType>]} with all but
 *       the fspId in lower case, data = transaction object), base64url;</li>
 *   <li>fulfilment = HMAC-SHA256(secret key, the {@code ilpPacket} text), base64url;</li>
 *   <li>condition = base64url(SHA-256(fulfilment bytes)).</li>
 * </ol>
 * The transaction object's expiration is not used. Unlike the SDK, which silently truncates, an
 * amount with more decimals than the currency has is refused.
 */
public final class MojaloopIlpV1 implements MojaloopIlp {

    private final String secret;

    public MojaloopIlpV1(String secret) {
        this.secret = MojaloopIlp.requireSecret(secret);
    }

    @Override
    public IlpVersion version() {
        return IlpVersion.V1;
    }

    @Override
    public IlpResponse responseFor(TransactionObject transactionObject) {
        IlpV1Packet packet = new IlpV1Packet(
                IlpAmount.toIlp(
                        transactionObject.text("amount", "amount").orElseThrow(() -> new IlpException("transaction object has no amount.amount")),
                        transactionObject.text("amount", "currency").orElseThrow(() -> new IlpException("transaction object has no amount.currency"))),
                account(transactionObject),
                transactionObject.toIlpData());
        String ilpPacket = packet.toBase64Url();
        String fulfilment = fulfilmentOf(ilpPacket);
        return new IlpResponse(fulfilment, IlpCrypto.conditionOf(fulfilment), ilpPacket);
    }

    /** The MAC of the packet text exactly as received: re-encoding it would change the fulfilment. */
    @Override
    public String fulfilmentOf(String ilpPacket) {
        return IlpCrypto.fulfilment(secret, ilpPacket);
    }

    @Override
    public DecodedIlpPacket decode(String ilpPacket) {
        return decode(Base64Url.decode(ilpPacket));
    }

    static DecodedIlpPacket decode(byte[] bytes) {
        IlpV1Packet packet = IlpV1Packet.fromBytes(bytes);
        return new DecodedIlpPacket(IlpVersion.V1, packet.amount(), packet.account(), null, null,
                TransactionObject.fromIlpData(packet.data()));
    }

    private static String account(TransactionObject transactionObject) {
        String fspId = require(transactionObject, "fspId");
        String type = require(transactionObject, "partyIdType");
        String id = require(transactionObject, "partyIdentifier");
        String account = "g." + fspId + "." + type.toLowerCase(Locale.ROOT) + "." + id.toLowerCase(Locale.ROOT);
        return transactionObject.text("payee", "partyIdInfo", "partySubIdOrType")
                .filter(subId -> !subId.isEmpty())
                .map(subId -> account + "." + subId.toLowerCase(Locale.ROOT))
                .orElse(account);
    }

    private static String require(TransactionObject transactionObject, String member) {
        return transactionObject.text("payee", "partyIdInfo", member)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IlpException("ILP party does not contain required partyIdInfo." + member));
    }

    @Override
    public String toString() {
        return "MojaloopIlpV1[secret hidden]";
    }
}
