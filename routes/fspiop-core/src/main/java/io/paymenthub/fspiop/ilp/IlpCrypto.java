package io.paymenthub.fspiop.ilp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fulfilment and condition as Mojaloop computes them. The condition is
 * {@code base64url(SHA-256(fulfilment bytes))}; the fulfilment is an HMAC-SHA256 whose key is the
 * ASCII text of the standard, padded base64 of the secret's UTF-8 bytes (not the secret itself),
 * and whose message depends on the ILP version (see {@link MojaloopIlp}).
 */
public final class IlpCrypto {

    /** ILP preimages and conditions are 32 bytes. */
    public static final int LENGTH = 32;

    private IlpCrypto() {
    }

    /** {@code base64url(SHA-256(base64url-decoded fulfilment))}; refuses a fulfilment that is not 32 bytes. */
    public static String conditionOf(String fulfilment) {
        byte[] preimage = Base64Url.decode(fulfilment);
        if (preimage.length != LENGTH) {
            throw new IlpException("Interledger preimages must be exactly 32 bytes, got " + preimage.length);
        }
        return Base64Url.encode(sha256(preimage));
    }

    /**
     * True when the fulfilment is 32 bytes and its SHA-256 is the condition, what the switch checks
     * on PUT /transfers. Compares bytes, so a condition written with padding or in the standard
     * alphabet still matches (the SDK compares the base64url text).
     */
    public static boolean verifyFulfilment(String fulfilment, String condition) {
        try {
            byte[] preimage = Base64Url.decode(fulfilment);
            byte[] expected = Base64Url.decode(condition);
            return preimage.length == LENGTH && expected.length == LENGTH
                    && MessageDigest.isEqual(sha256(preimage), expected);
        } catch (IlpException e) {
            return false;
        }
    }

    /** {@code base64url(HMAC-SHA256(key = base64(utf8(secret)) as ASCII, message as Node's 'ascii' bytes))}. */
    static String fulfilment(String secret, String message) {
        byte[] key = Base64.getEncoder().encode(secret.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64Url.encode(mac.doFinal(nodeAscii(message)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Node's {@code Buffer.from(s, 'ascii')}: the low byte of each UTF-16 unit. */
    static byte[] nodeAscii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
