package io.paymenthub.connector.mojaloop.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The keys and certificates of a test run, made by {@code lab/certs/make-certs} as the lab makes
 * them (a CA of the run; server and client certificates of the hub and of the switch; FSPIOP
 * signing keys), never committed.
 */
public final class TestCertificates {

    private final Path folder;
    private final String password;

    private TestCertificates(Path folder) throws IOException {
        this.folder = folder;
        this.password = Files.readString(folder.resolve("tls/password"), StandardCharsets.US_ASCII).trim();
    }

    /** Makes a new set into {@code folder}, with signing keys for {@code fspIds}. */
    public static TestCertificates make(Path folder, String... fspIds) throws Exception {
        Path script = Path.of(System.getProperty("hub.lab.home", "../../lab")).toAbsolutePath().normalize().resolve("certs/make-certs");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), folder.toString()));
        command.addAll(List.of(fspIds));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("make-certs failed: " + output);
        }
        return new TestCertificates(folder);
    }

    public Path folder() {
        return folder;
    }

    public Path tls(String file) {
        return folder.resolve("tls").resolve(file);
    }

    public Path jws(String file) {
        return folder.resolve("jws").resolve(file);
    }

    /** The password of every PKCS#12 store of the run. */
    public String password() {
        return password;
    }

    /** The hub's TLS settings with this run's stores. */
    public FspiopTls hubTls() {
        return new FspiopTls(true, tls("hub-server.p12").toString(), password, tls("hub-client.p12").toString(), password,
                tls("truststore.p12").toString(), password);
    }

    /** An SSL context with the given PKCS#12 key store (null for none) that trusts only the run's CA. */
    public SSLContext context(String keyStore) throws Exception {
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls(keyStore))) {
                store.load(in, password.toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls("truststore.p12"))) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
