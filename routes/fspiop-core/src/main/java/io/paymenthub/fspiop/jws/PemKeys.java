package io.paymenthub.fspiop.jws;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys in the PEM files operators get from {@code openssl}: private keys as PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); public keys as
 * {@code BEGIN PUBLIC KEY} or inside an X.509 {@code BEGIN CERTIFICATE}.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemKeys() {
    }

    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher block = block(pem);
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        return switch (block.group(1)) {
            case "PRIVATE KEY" -> pkcs8(der);
            case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
            default -> throw new GeneralSecurityException("not a private key: BEGIN " + block.group(1));
        };
    }

    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        Matcher block = block(pem);
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        return switch (block.group(1)) {
            case "CERTIFICATE" -> CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            case "PUBLIC KEY" -> {
                try {
                    yield KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                } catch (GeneralSecurityException notRsa) {
                    yield KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                }
            }
            default -> throw new GeneralSecurityException("not a public key: BEGIN " + block.group(1));
        };
    }

    /** The public half of an RSA private key (its CRT form carries the public exponent), empty for other keys. */
    public static Optional<PublicKey> publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
        }
        return Optional.empty();
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    private static Matcher block(String pem) throws GeneralSecurityException {
        Matcher matcher = BLOCK.matcher(pem == null ? "" : pem);
        if (!matcher.find()) {
            throw new GeneralSecurityException("no PEM block");
        }
        return matcher;
    }

    /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: version 0, algorithm rsaEncryption, the key as an OCTET STRING. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        byte[] length = content.length < 128 ? new byte[] {(byte) content.length} : longLength(content.length);
        byte[] out = new byte[1 + length.length + content.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, content.length);
        return out;
    }

    private static byte[] longLength(int length) {
        byte[] value = BigInteger.valueOf(length).toByteArray();
        int start = value[0] == 0 ? 1 : 0;
        byte[] out = new byte[1 + value.length - start];
        out[0] = (byte) (0x80 | (value.length - start));
        System.arraycopy(value, start, out, 1, value.length - start);
        return out;
    }
}
