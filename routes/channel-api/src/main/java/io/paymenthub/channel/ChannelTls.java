package io.paymenthub.channel;

import java.util.Optional;

import org.apache.camel.support.jsse.SSLContextParameters;

import io.paymenthub.core.http.TlsStores;

/**
 * HTTPS for the channel API ({@code tls = true} in {@code io.paymenthub.channel.cfg}): the API's
 * certificate and key from a PKCS#12 store. It then needs a port of its own, apart from
 * {@code /health}'s plain one.
 */
public class ChannelTls {

    private final boolean enabled;
    private final TlsStores stores;

    public ChannelTls(boolean enabled, String keyStore, String keyStorePassword) {
        this.enabled = enabled;
        this.stores = TlsStores.of(keyStore, keyStorePassword, null, null);
    }

    public static ChannelTls off() {
        return new ChannelTls(false, ".", "");
    }

    /** The listener's TLS settings, empty for plain HTTP. */
    public Optional<SSLContextParameters> server() {
        return enabled ? Optional.of(stores.sslContextParameters()) : Optional.empty();
    }
}
