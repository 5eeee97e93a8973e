package io.paymenthub.connector.mojaloop.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.paymenthub.core.config.HubFiles;
import io.paymenthub.fspiop.jws.PemKeys;

/**
 * The keys of FSPIOP signatures, one PEM file per FSP, read when first needed and again when the
 * file changes (an operator rotates a key by replacing its file, without a restart):
 * {@code <signingKeys>/<fspId>.key} is the private key of each tenant of this hub (each tenant is
 * its own DFSP in the scheme); {@code <peerKeys>/<fspId>.pem} the public key or certificate of each
 * FSP whose messages are verified. A tenant's own public key is also taken from its private key
 * (RSA), so messages between two tenants of one hub verify without a copy.
 */
public class JwsKeys {

    private static final Pattern FSP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private record Loaded<K>(FileTime modified, K key) {
    }

    private final Path signingKeys;
    private final Path peerKeys;
    private final Map<Path, Loaded<?>> cache = new ConcurrentHashMap<>();

    /** Relative folders are taken from the Karaf base folder (the working folder outside Karaf). */
    public JwsKeys(String signingKeys, String peerKeys) {
        this.signingKeys = HubFiles.resolve(signingKeys);
        this.peerKeys = HubFiles.resolve(peerKeys);
    }

    public Path signingKeysFolder() {
        return signingKeys;
    }

    public Path peerKeysFolder() {
        return peerKeys;
    }

    /** The private key of a tenant's fspId, or empty when its file is missing. */
    public Optional<PrivateKey> signingKey(String fspId) throws IOException, GeneralSecurityException {
        return load(signingKeys, fspId, ".key", PemKeys::privateKey);
    }

    /** The key a sender's signatures verify with: its peer file, or the public half of a tenant's own key. */
    public Optional<PublicKey> verificationKey(String fspId) throws IOException, GeneralSecurityException {
        Optional<PublicKey> peer = load(peerKeys, fspId, ".pem", PemKeys::publicKey);
        if (peer.isPresent()) {
            return peer;
        }
        Optional<PrivateKey> own = signingKey(fspId);
        return own.isPresent() ? PemKeys.publicKeyOf(own.get()) : Optional.empty();
    }

    private interface Parser<K> {
        K parse(String pem) throws GeneralSecurityException;
    }

    @SuppressWarnings("unchecked")
    private <K> Optional<K> load(Path folder, String fspId, String suffix, Parser<K> parser) throws IOException, GeneralSecurityException {
        if (fspId == null || !FSP_ID.matcher(fspId).matches()) {
            return Optional.empty(); // never a path built from what a sender wrote
        }
        Path file = folder.resolve(fspId + suffix);
        if (!Files.isRegularFile(file)) {
            cache.remove(file);
            return Optional.empty();
        }
        FileTime modified = Files.getLastModifiedTime(file);
        Loaded<?> cached = cache.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return Optional.of((K) cached.key());
        }
        try {
            K key = parser.parse(Files.readString(file, StandardCharsets.US_ASCII));
            cache.put(file, new Loaded<>(modified, key));
            return Optional.of(key);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + ": " + e.getMessage(), e);
        }
    }
}
