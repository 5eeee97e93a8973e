package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ILP as the Mojaloop SDK ({@code @mojaloop/sdk-standard-components}) does it, for one secret.
 * Both versions put the same data in the packet (the transaction object, see
 * {@link TransactionObject}) and derive the condition the same way
 * ({@code base64url(SHA-256(fulfilment))}); they differ in the packet and in what the fulfilment
 * MACs:
 * <ul>
 *   <li>v4: HMAC over the standard base64 of the transaction object's JSON text; the packet is
 *       built after, and carries the condition;</li>
 *   <li>v1: HMAC over the {@code ilpPacket} base64url text itself.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public sealed interface MojaloopIlp permits MojaloopIlpV1, MojaloopIlpV4 {

    static MojaloopIlp of(IlpVersion version, String secret) {
        return switch (version) {
            case V1 -> new MojaloopIlpV1(secret);
            case V4 -> new MojaloopIlpV4(secret);
        };
    }

    IlpVersion version();

    /** Packet, condition and fulfilment for a transaction object (the SDK's {@code getResponseIlp}). */
    IlpResponse responseFor(TransactionObject transactionObject);

    /**
     * For a payee answering a quote: the SDK's {@code getQuoteResponseIlp}, with the POST /quotes
     * body and the PUT /quotes body being built (its transferAmount, expiration and note count).
     */
    default IlpResponse quoteResponse(JsonNode quoteRequest, JsonNode quoteResponse) {
        return responseFor(TransactionObject.fromQuote(quoteRequest, quoteResponse));
    }

    /** The fulfilment for a packet this secret produced (the SDK's {@code calculateFulfil}). */
    String fulfilmentOf(String ilpPacket);

    /** Reads a packet of this version. @throws IlpException when it is not one */
    DecodedIlpPacket decode(String ilpPacket);

    /** Reads a packet of either version, telling them apart by the type byte. */
    static DecodedIlpPacket decodeAny(String ilpPacket) {
        byte[] bytes = Base64Url.decode(ilpPacket);
        if (bytes.length > 0 && bytes[0] == IlpV1Packet.TYPE_PAYMENT) {
            return MojaloopIlpV1.decode(bytes);
        }
        return MojaloopIlpV4.decode(bytes);
    }

    static String requireSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("ILP secret must not be empty");
        }
        return secret;
    }
}
