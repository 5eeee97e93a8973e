package io.paymenthub.connector.mojaloop.security;

import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;

import io.paymenthub.core.http.TlsStores;

/**
 * Mutual TLS between the hub and the switch, as a Mojaloop scheme runs it: the inbound FSPIOP API
 * listens on HTTPS and accepts only clients whose certificate the scheme's CA signed (the trust
 * store); the hub calls the switch over HTTPS with its own client certificate and trusts only that
 * CA. Plain HTTP on both sides only with {@code tls = false}, which {@code /health} reports as
 * insecure. Stores are PKCS#12 files ({@code etc/keys/tls} by default).
 */
public class FspiopTls {

    private final boolean enabled;
    private final TlsStores server;
    private final TlsStores client;

    public FspiopTls(boolean enabled, String serverKeyStore, String serverKeyStorePassword, String clientKeyStore,
                     String clientKeyStorePassword, String trustStore, String trustStorePassword) {
        this.enabled = enabled;
        this.server = TlsStores.of(serverKeyStore, serverKeyStorePassword, trustStore, trustStorePassword);
        this.client = TlsStores.of(clientKeyStore, clientKeyStorePassword, trustStore, trustStorePassword);
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
        SSLContextParameters parameters = server.sslContextParameters();
        SSLContextServerParameters serverParameters = new SSLContextServerParameters();
        serverParameters.setClientAuthentication(ClientAuthentication.REQUIRE.name());
        parameters.setServerParameters(serverParameters);
        return parameters;
    }

    /** The client toward the switch: the hub's client certificate, the scheme's CA trusted. */
    public SSLContextParameters client() {
        return client.sslContextParameters();
    }

    /** What is missing for TLS, or null when every store is there. */
    public String missingStores() {
        java.nio.file.Path missing = server.unreadable() != null ? server.unreadable() : client.unreadable();
        return missing == null ? null : missing.toString();
    }
}
