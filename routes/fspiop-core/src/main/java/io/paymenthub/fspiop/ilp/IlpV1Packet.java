package io.paymenthub.fspiop.ilp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ILP v1 payment packet, still the Mojaloop default: the SDK scheme adapter uses it unless
 * configured for v4, and the Testing Toolkit builds it for every FSPIOP quote. Type 1, then a
 * variable-length octet string holding amount (UInt64), account (variable-length ASCII ILP
 * address {@code g.<fspId>.<idType>.<id>[.<subId>]}), data (variable-length octets) and a zero
 * byte (no extensions). No expiry and no condition inside.
 */
public record IlpV1Packet(BigInteger amount, String account, byte[] data) {

    /** The ILP v1 type byte of a payment. */
    public static final int TYPE_PAYMENT = 1;

    public IlpV1Packet {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0 || amount.compareTo(IlpAmount.MAX) > 0) {
            throw new IlpException("amount is not a UInt64: " + amount);
        }
        Objects.requireNonNull(account, "account");
        data = data == null ? new byte[0] : data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Oer.writeUInt64(content, amount);
        // The SDK writes the account with Node's 'ascii' encoding: low byte of each character.
        Oer.writeVarOctetString(content, IlpCrypto.nodeAscii(account));
        Oer.writeVarOctetString(content, data);
        content.write(0);
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        envelope.write(TYPE_PAYMENT);
        Oer.writeVarOctetString(envelope, content.toByteArray());
        return envelope.toByteArray();
    }

    /** The {@code ilpPacket} value: base64url of {@link #toBytes()}, no padding. */
    public String toBase64Url() {
        return Base64Url.encode(toBytes());
    }

    /** @throws IlpException when the bytes are not exactly one ILP v1 payment */
    public static IlpV1Packet fromBytes(byte[] bytes) {
        Oer.Reader envelope = new Oer.Reader(bytes);
        int type = envelope.readUInt8();
        if (type != TYPE_PAYMENT) {
            throw new IlpException("not an ILP v1 payment (type 1): type " + type
                    + (type == IlpPacket.TYPE_PREPARE ? ", an ILP v4 Prepare" : ""));
        }
        Oer.Reader content = envelope.readVarOctetStringReader();
        envelope.requireEnd("ILP envelope");
        BigInteger amount = content.readUInt64();
        String account = IlpAddress.decode(content.readVarOctetString());
        byte[] data = content.readVarOctetString();
        if (content.readUInt8() != 0) {
            throw new IlpException("ILP v1 payment with extensions is not supported");
        }
        content.requireEnd("ILP v1 payment");
        return new IlpV1Packet(amount, account, data);
    }

    public static IlpV1Packet fromBase64Url(String ilpPacket) {
        return fromBytes(Base64Url.decode(ilpPacket));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IlpV1Packet p && amount.equals(p.amount) && account.equals(p.account)
                && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount, account, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "IlpV1Packet[amount=" + amount + ", account=" + account + ", data=" + data.length + " bytes]";
    }
}
