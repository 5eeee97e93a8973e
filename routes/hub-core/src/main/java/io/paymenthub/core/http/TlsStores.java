package io.paymenthub.core.http;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import io.paymenthub.core.config.HubFiles;

/**
 * The TLS settings of one side of a connection, from PKCS#12 files as operators keep them: the
 * certificate and key it shows, and (where it checks its peer's certificate) the CAs it trusts.
 * TLS 1.3 only. Relative paths are under the hub's base folder ({@link HubFiles}).
 */
public record TlsStores(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    /** @param trustStore null where the peer's certificate is not asked for */
    public static TlsStores of(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
        return new TlsStores(HubFiles.resolve(keyStore), keyStorePassword, trustStore == null ? null : HubFiles.resolve(trustStore),
                trustStorePassword);
    }

    public SSLContextParameters sslContextParameters() {
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(store(keyStore, keyStorePassword));
        keyManagers.setKeyPassword(keyStorePassword);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        if (trustStore != null) {
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(store(trustStore, trustStorePassword));
            parameters.setTrustManagers(trustManagers);
        }
        parameters.setSecureSocketProtocol("TLSv1.3");
        return parameters;
    }

    /** The first store that cannot be read, or null. */
    public Path unreadable() {
        if (!Files.isReadable(keyStore)) {
            return keyStore;
        }
        return trustStore != null && !Files.isReadable(trustStore) ? trustStore : null;
    }

    private static KeyStoreParameters store(Path file, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + file);
        store.setPassword(password);
        store.setType("PKCS12");
        return store;
    }
}
