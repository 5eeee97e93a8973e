package io.paymenthub.fspiop.ilp;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IlpPacketTest {

    private static final byte[] CONDITION = new byte[32];
    private static final Instant EXPIRES = Instant.parse("2030-01-02T03:04:05.678Z");

    static {
        Arrays.fill(CONDITION, (byte) 0xAB);
    }

    @Test
    void encodesThePrepareLayout() {
        IlpPacket packet = new IlpPacket(BigInteger.valueOf(1000), EXPIRES, CONDITION, "g.mojaloop", "abc".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = packet.toBytes();

        String hex = HexFormat.of().formatHex(bytes);
        assertThat(bytes[0]).isEqualTo((byte) 12);
        assertThat(bytes[1] & 0xFF).isEqualTo(bytes.length - 2);
        assertThat(hex.substring(4, 20)).isEqualTo("00000000000003e8");
        // expiresAt: 17 ASCII digits, no dot, no Z.
        assertThat(new String(bytes, 10, 17, StandardCharsets.US_ASCII)).isEqualTo("20300102030405678");
        assertThat(Arrays.copyOfRange(bytes, 27, 59)).isEqualTo(CONDITION);
        assertThat(bytes[59]).isEqualTo((byte) 10);
        assertThat(new String(bytes, 60, 10, StandardCharsets.US_ASCII)).isEqualTo("g.mojaloop");
        assertThat(hex.substring(140)).isEqualTo("03616263");
        assertThat(IlpPacket.fromBytes(bytes)).isEqualTo(packet);
        assertThat(IlpPacket.fromBase64Url(packet.toBase64Url())).isEqualTo(packet);
        assertThat(packet.toBase64Url()).doesNotContain("=", "+", "/");
    }

    @Test
    void usesCanonicalLongLengthPrefixes() {
        IlpPacket packet = new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", new byte[300]);
        byte[] bytes = packet.toBytes();

        // Envelope: 0x82 then two length bytes; data: 0x82 0x01 0x2c.
        assertThat(bytes[1] & 0xFF).isEqualTo(0x82);
        assertThat(((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF)).isEqualTo(bytes.length - 4);
        assertThat(HexFormat.of().formatHex(bytes, 4 + 8 + 17 + 32 + 11, 4 + 8 + 17 + 32 + 14)).isEqualTo("82012c");
        assertThat(IlpPacket.fromBytes(bytes)).isEqualTo(packet);

        byte[] twoHundred = new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", new byte[200]).toBytes();
        assertThat(HexFormat.of().formatHex(twoHundred, 1, 3)).isEqualTo("8201");
    }

    @Test
    void refusesNonCanonicalLengthsTrailingBytesAndTruncation() {
        byte[] bytes = new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", new byte[0]).toBytes();
        byte[] nonCanonical = new byte[bytes.length + 2];
        nonCanonical[0] = 12;
        nonCanonical[1] = (byte) 0x82;
        nonCanonical[2] = 0;
        nonCanonical[3] = bytes[1];
        System.arraycopy(bytes, 2, nonCanonical, 4, bytes.length - 2);

        assertThatThrownBy(() -> IlpPacket.fromBytes(nonCanonical)).isInstanceOf(IlpException.class).hasMessageContaining("not canonical");
        assertThatThrownBy(() -> IlpPacket.fromBytes(Arrays.copyOf(bytes, bytes.length + 1))).hasMessageContaining("trailing");
        assertThatThrownBy(() -> IlpPacket.fromBytes(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> IlpPacket.fromBytes(new byte[0])).isInstanceOf(IlpException.class);
    }

    @Test
    void tellsAnIlpV1PacketApart() {
        String v1 = new IlpV1Packet(BigInteger.TEN, "g.payeefsp.msisdn.1", new byte[0]).toBase64Url();

        assertThatThrownBy(() -> IlpPacket.fromBase64Url(v1)).isInstanceOf(IlpException.class).hasMessageContaining("ILP v1 payment");
        assertThatThrownBy(() -> IlpV1Packet.fromBase64Url(new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", null).toBase64Url()))
                .isInstanceOf(IlpException.class).hasMessageContaining("ILP v4 Prepare");
    }

    @Test
    void validatesFields() {
        assertThatThrownBy(() -> new IlpPacket(BigInteger.ONE, EXPIRES, new byte[31], "g.mojaloop", null)).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "mojaloop", null)).hasMessageContaining("destination");
        assertThatThrownBy(() -> new IlpPacket(BigInteger.ONE.negate(), EXPIRES, CONDITION, "g.mojaloop", null)).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> new IlpPacket(IlpAmount.MAX.add(BigInteger.ONE), EXPIRES, CONDITION, "g.mojaloop", null)).isInstanceOf(IlpException.class);
        assertThat(new IlpPacket(IlpAmount.MAX, EXPIRES, CONDITION, "g.mojaloop", null).toBytes()).contains((byte) 0xFF);
    }

    @Test
    void keepsMillisecondsOnlyAndPadsYears() {
        IlpPacket packet = new IlpPacket(BigInteger.ONE, Instant.parse("0999-12-31T23:59:59.123987Z"), CONDITION, "g.mojaloop", null);

        assertThat(packet.expiresAt()).isEqualTo(Instant.parse("0999-12-31T23:59:59.123Z"));
        assertThat(new String(packet.toBytes(), 10, 17, StandardCharsets.US_ASCII)).isEqualTo("09991231235959123");
        assertThat(IlpPacket.fromBytes(packet.toBytes()).expiresAt()).isEqualTo(packet.expiresAt());
    }

    @Test
    void refusesImpossibleTimes() {
        byte[] bytes = new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", null).toBytes();
        byte[] february30 = bytes.clone();
        System.arraycopy("20300230030405678".getBytes(StandardCharsets.US_ASCII), 0, february30, 10, 17);
        byte[] letters = bytes.clone();
        letters[12] = 'X';

        assertThatThrownBy(() -> IlpPacket.fromBytes(february30)).isInstanceOf(IlpException.class).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> IlpPacket.fromBytes(letters)).isInstanceOf(IlpException.class).hasMessageContaining("expiresAt");
    }

    @Test
    void arraysAreCopiedAndCompared() {
        byte[] condition = CONDITION.clone();
        IlpPacket packet = new IlpPacket(BigInteger.ONE, EXPIRES, condition, "g.mojaloop", new byte[] {1});
        condition[0] = 0;
        packet.executionCondition()[1] = 0;

        assertThat(packet.executionCondition()).isEqualTo(CONDITION);
        assertThat(packet).isEqualTo(new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", new byte[] {1}))
                .hasSameHashCodeAs(new IlpPacket(BigInteger.ONE, EXPIRES, CONDITION, "g.mojaloop", new byte[] {1}));
        assertThat(packet.toString()).contains("g.mojaloop", "1 bytes");
    }

    @Test
    void v1PacketLayout() {
        IlpV1Packet packet = new IlpV1Packet(BigInteger.valueOf(1000), "g.payeefsp.msisdn.1", "ab".getBytes(StandardCharsets.US_ASCII));
        String hex = HexFormat.of().formatHex(packet.toBytes());

        assertThat(hex).isEqualTo("01" + "20" + "00000000000003e8" + "13" + HexFormat.of().formatHex(
                "g.payeefsp.msisdn.1".getBytes(StandardCharsets.US_ASCII)) + "02" + "6162" + "00");
        assertThat(IlpV1Packet.fromBytes(packet.toBytes())).isEqualTo(packet);
        byte[] withExtensions = packet.toBytes();
        withExtensions[withExtensions.length - 1] = 1;
        assertThatThrownBy(() -> IlpV1Packet.fromBytes(withExtensions)).hasMessageContaining("extensions");
    }
}
