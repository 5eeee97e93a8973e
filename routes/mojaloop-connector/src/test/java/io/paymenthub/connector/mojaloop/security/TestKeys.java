package io.paymenthub.connector.mojaloop.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Signing keys made when a test runs (none is committed): {@code <fspId>.key} (PKCS#8) in a folder
 * of private keys and {@code <fspId>.pem} (public key) in a folder of peer keys, as the hub reads them.
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a new key pair of {@code fspId}: the private key into {@code privateFolder}, the public one into {@code publicFolder}. */
    public static KeyPair write(String fspId, Path privateFolder, Path publicFolder) {
        KeyPair keys = rsa();
        try {
            if (privateFolder != null) {
                Files.createDirectories(privateFolder);
                Files.writeString(privateFolder.resolve(fspId + ".key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            }
            if (publicFolder != null) {
                Files.createDirectories(publicFolder);
                Files.writeString(publicFolder.resolve(fspId + ".pem"), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** Signs as {@code fspId} with a key made for this run, verifies nothing. */
    public static FspiopJws signingAs(String fspId) {
        try {
            Path keys = Files.createTempDirectory("jws-keys");
            write(fspId, keys, null);
            return new FspiopJws(new JwsKeys(keys.toString(), keys.toString()), true, false, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
