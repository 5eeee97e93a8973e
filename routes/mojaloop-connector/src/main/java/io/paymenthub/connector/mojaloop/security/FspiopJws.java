package io.paymenthub.connector.mojaloop.security;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.jws.FspiopSignature;
import io.paymenthub.fspiop.jws.SignedMessage;

/**
 * The hub's use of FSPIOP signatures: every request and callback with a body it sends is signed with
 * the key of the tenant that sends it, and every one it receives is verified against its sender's
 * key before it is stored. {@code PUT /parties} is signed and verified only when set, as in
 * Mojaloop (the switch's lookup service may rewrite it). GETs carry no body and no signature.
 */
public class FspiopJws {

    private final JwsKeys keys;
    private final boolean sign;
    private final boolean verify;
    private final boolean signPutParties;
    private final boolean verifyPutParties;

    public FspiopJws(JwsKeys keys, boolean sign, boolean verify, boolean signPutParties, boolean verifyPutParties) {
        this.keys = keys;
        this.sign = sign;
        this.verify = verify;
        this.signPutParties = signPutParties;
        this.verifyPutParties = verifyPutParties;
    }

    /** Neither signs nor verifies: for tests of other concerns. */
    public static FspiopJws off() {
        return new FspiopJws(new JwsKeys(".", "."), false, false, false, false);
    }

    public boolean signs() {
        return sign;
    }

    public boolean verifies() {
        return verify;
    }

    public JwsKeys keys() {
        return keys;
    }

    /** The headers to add to an outgoing message, or empty when it goes unsigned. */
    public Optional<SignatureHeaders> signatureFor(SignedMessage message) {
        if (!sign || message.body() == null || message.body().isEmpty() || (isPutParties(message) && !signPutParties)) {
            return Optional.empty();
        }
        try {
            PrivateKey key = keys.signingKey(message.source()).orElseThrow(() -> new IllegalStateException(
                    "No signing key for " + message.source() + ": " + keys.signingKeysFolder().resolve(message.source() + ".key")));
            return Optional.of(new SignatureHeaders(message.uri(), message.method(), FspiopSignature.sign(key, message)));
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign as " + message.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a received message's signature; 3105 when it is missing or does not hold.
     *
     * @param uriHeader    its {@code FSPIOP-URI} header
     * @param methodHeader its {@code FSPIOP-HTTP-Method} header
     */
    public void verify(SignedMessage message, String signature, String uriHeader, String methodHeader) {
        if (!verify || message.body() == null || message.body().isEmpty() || (isPutParties(message) && !verifyPutParties)) {
            return;
        }
        PublicKey key;
        try {
            key = keys.verificationKey(message.source()).orElseThrow(() -> new FspiopException(FspiopErrorCode.INVALID_SIGNATURE,
                    "no key to verify the signatures of " + message.source()));
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new FspiopException(FspiopErrorCode.INVALID_SIGNATURE, "the key of " + message.source() + " cannot be read");
        }
        FspiopSignature.verify(key, message, signature, uriHeader, methodHeader);
    }

    private static boolean isPutParties(SignedMessage message) {
        return "PUT".equalsIgnoreCase(message.method()) && message.uri().startsWith("/parties/");
    }

    /** {@code FSPIOP-URI}, {@code FSPIOP-HTTP-Method} and {@code FSPIOP-Signature} of a signed message. */
    public record SignatureHeaders(String uri, String method, String signature) {
    }
}
