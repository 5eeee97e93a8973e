package io.paymenthub.fspiop.ilp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IlpCryptoTest {

    @Test
    void theHmacKeyIsTheBase64TextOfTheSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        // base64("secret") = "c2VjcmV0"
        mac.init(new SecretKeySpec("c2VjcmV0".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String expected = Base64Url.encode(mac.doFinal("message".getBytes(StandardCharsets.US_ASCII)));

        assertThat(IlpCrypto.fulfilment("secret", "message")).isEqualTo(expected).hasSize(43);
    }

    @Test
    void conditionIsTheSha256OfTheFulfilmentBytes() {
        String fulfilment = IlpCrypto.fulfilment("secret", "message");
        String condition = IlpCrypto.conditionOf(fulfilment);

        assertThat(condition).isEqualTo(Base64Url.encode(IlpCrypto.sha256(Base64Url.decode(fulfilment))));
        assertThat(IlpCrypto.verifyFulfilment(fulfilment, condition)).isTrue();
    }

    @Test
    void verificationFailsClosed() {
        String fulfilment = IlpCrypto.fulfilment("secret", "message");
        String condition = IlpCrypto.conditionOf(fulfilment);
        String other = IlpCrypto.fulfilment("secret", "other");

        assertThat(IlpCrypto.verifyFulfilment(other, condition)).isFalse();
        assertThat(IlpCrypto.verifyFulfilment(fulfilment, IlpCrypto.conditionOf(other))).isFalse();
        assertThat(IlpCrypto.verifyFulfilment(Base64Url.encode(new byte[31]), condition)).isFalse();
        assertThat(IlpCrypto.verifyFulfilment("not base64 !", condition)).isFalse();
        assertThat(IlpCrypto.verifyFulfilment(null, condition)).isFalse();
        assertThat(IlpCrypto.verifyFulfilment(fulfilment, null)).isFalse();
        // Same bytes in standard, padded base64 still verify.
        String padded = java.util.Base64.getEncoder().encodeToString(Base64Url.decode(condition));
        assertThat(IlpCrypto.verifyFulfilment(fulfilment, padded)).isTrue();
    }

    @Test
    void conditionNeedsA32BytePreimage() {
        assertThatThrownBy(() -> IlpCrypto.conditionOf(Base64Url.encode(new byte[16])))
                .isInstanceOf(IlpException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void messagesAreEncodedAsNodesAsciiDoes() {
        assertThat(IlpCrypto.nodeAscii("aé😀")).containsExactly('a', (byte) 0xE9, (byte) 0x3D, (byte) 0x00);
    }
}
