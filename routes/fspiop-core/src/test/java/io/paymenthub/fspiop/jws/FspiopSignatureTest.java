package io.paymenthub.fspiop.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.ilp.Base64Url;

class FspiopSignatureTest {

    private static final String BODY = "{\"quoteId\":\"b51ec534-ee48-4575-b6a9-ead2955b8069\",\"amount\":{\"amount\":\"10\",\"currency\":\"USD\"}}";
    private static final SignedMessage QUOTE = new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", "Mon, 30 Nov 2026 10:00:00 GMT", BODY);

    private static final KeyPair RSA = rsa();

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verify(KeyPair keys, SignedMessage message, String signature) {
        FspiopSignature.verify(keys.getPublic(), message, signature, message.uri(), message.method());
    }

    private static String code(Runnable check) {
        try {
            check.run();
            return "none";
        } catch (FspiopException e) {
            return e.code().code();
        }
    }

    @Test
    void aSignedMessageVerifiesWithTheSendersKeyAndCarriesMojaloopsProtectedHeader() throws Exception {
        String signature = FspiopSignature.sign(RSA.getPrivate(), QUOTE);

        assertThatNoException().isThrownBy(() -> verify(RSA, QUOTE, signature));
        var value = new ObjectMapper().readTree(signature);
        var header = new ObjectMapper().readTree(Base64Url.decode(value.path("protectedHeader").asText()));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("FSPIOP-URI").asText()).isEqualTo("/quotes");
        assertThat(header.path("FSPIOP-HTTP-Method").asText()).isEqualTo("POST");
        assertThat(header.path("FSPIOP-Source").asText()).isEqualTo("dfsp1");
        assertThat(header.path("FSPIOP-Destination").asText()).isEqualTo("dfsp2");
        assertThat(header.path("Date").asText()).isEqualTo("Mon, 30 Nov 2026 10:00:00 GMT");
    }

    @Test
    void anEcKeySignsWithEs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();

        String signature = FspiopSignature.sign(ec.getPrivate(), QUOTE);

        assertThatNoException().isThrownBy(() -> verify(ec, QUOTE, signature));
        assertThat(code(() -> verify(RSA, QUOTE, signature))).isEqualTo("3105");
    }

    @Test
    void whatTheSignatureDoesNotCoverIsRefused3105() throws Exception {
        String signature = FspiopSignature.sign(RSA.getPrivate(), QUOTE);

        assertThat(code(() -> verify(RSA, new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", QUOTE.date(),
                BODY.replace("\"10\"", "\"1000\"")), signature))).as("another body").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, new SignedMessage("POST", "/transfers", "dfsp1", "dfsp2", QUOTE.date(), BODY), signature)))
                .as("another resource").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, new SignedMessage("PUT", "/quotes", "dfsp1", "dfsp2", QUOTE.date(), BODY), signature)))
                .as("another method").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, new SignedMessage("POST", "/quotes", "mallory", "dfsp2", QUOTE.date(), BODY), signature)))
                .as("another sender").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, new SignedMessage("POST", "/quotes", "dfsp1", "dfsp3", QUOTE.date(), BODY), signature)))
                .as("another receiver").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, new SignedMessage("POST", "/quotes", "dfsp1", null, QUOTE.date(), BODY), signature)))
                .as("a receiver dropped").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", "Tue, 01 Dec 2026 10:00:00 GMT", BODY),
                signature))).as("another date").isEqualTo("3105");
        assertThat(code(() -> verify(rsa(), QUOTE, signature))).as("another key").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, QUOTE, null))).as("no signature").isEqualTo("3105");
        assertThat(code(() -> verify(RSA, QUOTE, "{\"signature\":\"x\"}"))).as("garbage").isEqualTo("3105");
        assertThat(code(() -> FspiopSignature.verify(RSA.getPublic(), QUOTE, signature, "/transfers", "POST")))
                .as("an FSPIOP-URI header that is not the path").isEqualTo("3105");
    }

    @Test
    void aBodySentInAnotherSpellingOfTheSameJsonVerifiesAsMojaloopChecksIt() throws Exception {
        String signature = FspiopSignature.sign(RSA.getPrivate(), QUOTE);
        String pretty = new ObjectMapper().readTree(BODY).toPrettyString();

        assertThatNoException().isThrownBy(() -> verify(RSA, new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", QUOTE.date(), pretty),
                signature));
    }

    @Test
    void keysAreReadFromPkcs8Pkcs1AndCertificatePemFiles() throws Exception {
        String pkcs8 = pem("PRIVATE KEY", RSA.getPrivate().getEncoded());
        String publicKey = pem("PUBLIC KEY", RSA.getPublic().getEncoded());
        // PKCS#1 is what PKCS#8 wraps: the OCTET STRING at the end of the PrivateKeyInfo.
        byte[] info = RSA.getPrivate().getEncoded();
        byte[] pkcs1 = java.util.Arrays.copyOfRange(info, 26, info.length);
        String pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1);

        assertThat(PemKeys.privateKey(pkcs8)).isEqualTo(RSA.getPrivate());
        assertThat(PemKeys.privateKey(pkcs1Pem).getEncoded()).isEqualTo(RSA.getPrivate().getEncoded());
        assertThat(PemKeys.publicKey(publicKey)).isEqualTo(RSA.getPublic());
        assertThat(PemKeys.publicKeyOf(RSA.getPrivate())).contains(RSA.getPublic());
        assertThatThrownBy(() -> PemKeys.privateKey("nothing")).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
