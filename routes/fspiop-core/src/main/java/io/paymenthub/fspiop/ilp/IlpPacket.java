package io.paymenthub.fspiop.ilp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ILP v4 Prepare packet (IL-RFC 27) Mojaloop carries as {@code ilpPacket} when ILP v4 is
 * configured: type 12, then a variable-length octet string holding amount (UInt64), expiresAt
 * (17 ASCII digits, see {@link InterledgerTime}), executionCondition (32 bytes), destination
 * (variable-length ASCII ILP address) and data (variable-length octets). On the wire it is
 * base64url without padding.
 */
public record IlpPacket(BigInteger amount, Instant expiresAt, byte[] executionCondition, String destination, byte[] data) {

    /** The ILP v4 type byte of a Prepare. */
    public static final int TYPE_PREPARE = 12;

    public IlpPacket {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0 || amount.compareTo(IlpAmount.MAX) > 0) {
            throw new IlpException("amount is not a UInt64: " + amount);
        }
        // JavaScript dates, and so Mojaloop's packets, stop at milliseconds.
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MILLIS);
        if (executionCondition == null || executionCondition.length != IlpCrypto.LENGTH) {
            throw new IlpException("executionCondition must be 32 bytes");
        }
        executionCondition = executionCondition.clone();
        if (!IlpAddress.isValid(destination)) {
            throw new IlpException("Packet has invalid destination address: " + destination);
        }
        data = data == null ? new byte[0] : data.clone();
    }

    @Override
    public byte[] executionCondition() {
        return executionCondition.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The condition as it appears in FSPIOP bodies. */
    public String executionConditionBase64Url() {
        return Base64Url.encode(executionCondition);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Oer.writeUInt64(content, amount);
        content.writeBytes(InterledgerTime.format(expiresAt));
        content.writeBytes(executionCondition);
        Oer.writeVarOctetString(content, IlpCrypto.nodeAscii(destination));
        Oer.writeVarOctetString(content, data);
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        envelope.write(TYPE_PREPARE);
        Oer.writeVarOctetString(envelope, content.toByteArray());
        return envelope.toByteArray();
    }

    /** The {@code ilpPacket} value: base64url of {@link #toBytes()}, no padding. */
    public String toBase64Url() {
        return Base64Url.encode(toBytes());
    }

    /** @throws IlpException when the bytes are not exactly one ILP v4 Prepare */
    public static IlpPacket fromBytes(byte[] bytes) {
        Oer.Reader envelope = new Oer.Reader(bytes);
        int type = envelope.readUInt8();
        if (type != TYPE_PREPARE) {
            throw new IlpException("not an ILP v4 Prepare (type 12): type " + type
                    + (type == IlpV1Packet.TYPE_PAYMENT ? ", an ILP v1 payment" : ""));
        }
        Oer.Reader content = envelope.readVarOctetStringReader();
        envelope.requireEnd("ILP envelope");
        BigInteger amount = content.readUInt64();
        Instant expiresAt = InterledgerTime.parse(content.read(InterledgerTime.LENGTH));
        byte[] condition = content.read(IlpCrypto.LENGTH);
        String destination = IlpAddress.decode(content.readVarOctetString());
        byte[] data = content.readVarOctetString();
        content.requireEnd("ILP Prepare");
        return new IlpPacket(amount, expiresAt, condition, destination, data);
    }

    /** Reads an {@code ilpPacket} value (base64url, or standard base64 as Node also reads it). */
    public static IlpPacket fromBase64Url(String ilpPacket) {
        return fromBytes(Base64Url.decode(ilpPacket));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IlpPacket p && amount.equals(p.amount) && expiresAt.equals(p.expiresAt)
                && Arrays.equals(executionCondition, p.executionCondition)
                && destination.equals(p.destination) && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount, expiresAt, Arrays.hashCode(executionCondition), destination, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "IlpPacket[amount=" + amount + ", expiresAt=" + expiresAt + ", executionCondition="
                + executionConditionBase64Url() + ", destination=" + destination + ", data=" + data.length + " bytes]";
    }
}
