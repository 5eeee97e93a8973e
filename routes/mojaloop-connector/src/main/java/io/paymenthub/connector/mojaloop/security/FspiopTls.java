package io.paymenthub.connector.mojaloop.security;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Mutual TLS between the hub and the switch, as a Mojaloop scheme runs it: the inbound FSPIOP API
 * listens on HTTPS and accepts only clients whose certificate the scheme's CA signed (the trust
 * store); the hub calls the switch over HTTPS with its own client certificate and trusts only that
 * CA. Plain HTTP on both sides only with {@code tls = false}, which {@code /health} reports as
 * insecure. Stores are PKCS#12 files ({@code etc/keys/tls} by default); relative paths are under the
 * hub's base folder.
 */
public class FspiopTls {

    private final boolean enabled;
    private final Path serverKeyStore;
    private final String serverKeyStorePassword;
    private final Path clientKeyStore;
    private final String clientKeyStorePassword;
    private final Path trustStore;
    private final String trustStorePassword;

    public FspiopTls(boolean enabled, String serverKeyStore, String serverKeyStorePassword, String clientKeyStore,
                     String clientKeyStorePassword, String trustStore, String trustStorePassword) {
        this.enabled = enabled;
        this.serverKeyStore = JwsKeys.resolve(serverKeyStore);
        this.serverKeyStorePassword = serverKeyStorePassword;
        this.clientKeyStore = JwsKeys.resolve(clientKeyStore);
        this.clientKeyStorePassword = clientKeyStorePassword;
        this.trustStore = JwsKeys.resolve(trustStore);
        this.trustStorePassword = trustStorePassword;
    }

    /** Plain HTTP both ways: for tests of other concerns. */
    public static FspiopTls off() {
        return new FspiopTls(false, ".", "", ".", "", ".", "");
    }

    public boolean enabled() {
        return enabled;
    }

    /** The inbound listener's: the hub's server certificate, client certificates required. */
    public SSLContextParameters server() {
        SSLContextParameters parameters = parameters(serverKeyStore, serverKeyStorePassword);
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(ClientAuthentication.REQUIRE.name());
        parameters.setServerParameters(server);
        return parameters;
    }

    /** The client toward the switch: the hub's client certificate, the scheme's CA trusted. */
    public SSLContextParameters client() {
        return parameters(clientKeyStore, clientKeyStorePassword);
    }

    /** What is missing for TLS, or null when every store is there. */
    public String missingStores() {
        for (Path store : new Path[] {serverKeyStore, clientKeyStore, trustStore}) {
            if (!Files.isReadable(store)) {
                return store.toString();
            }
        }
        return null;
    }

    private SSLContextParameters parameters(Path keyStore, String keyStorePassword) {
        KeyStoreParameters keys = store(keyStore, keyStorePassword);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keys);
        keyManagers.setKeyPassword(keyStorePassword);
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(store(trustStore, trustStorePassword));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        parameters.setTrustManagers(trustManagers);
        parameters.setSecureSocketProtocol("TLSv1.3");
        return parameters;
    }

    private static KeyStoreParameters store(Path file, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + file);
        store.setPassword(password);
        store.setType("PKCS12");
        return store;
    }
}
