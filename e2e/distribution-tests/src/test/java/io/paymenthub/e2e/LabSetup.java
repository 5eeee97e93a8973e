package io.paymenthub.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.paymenthub.connector.mojaloop.security.TestCertificates;
import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit;
import io.paymenthub.fineract.simulator.FineractSimulator;

/**
 * The lab's setup for the tests that pay through the distribution: the Testing Toolkit as switch,
 * the channel API on the hub's HTTP port, and tenants dfsp1 and dfsp2 on the Fineract simulator.
 */
public final class LabSetup {

    private LabSetup() {
    }

    /**
     * Makes the run's keys and certificates, gives the hub its part (tenants dfsp1 and dfsp2 sign
     * as themselves), and starts the Toolkit as the switch in hub mode with mutual TLS both ways and
     * every signed request verified; then points the hub at it.
     */
    static TestingToolkit startSwitch(HubDistribution hub) throws Exception {
        TestCertificates certificates = TestCertificates.make(hub.home().getParent().resolve("keys"), "dfsp1", "dfsp2", "switch");
        hub.secure(certificates, "dfsp1", "dfsp2");
        TestingToolkit toolkit = TestingToolkit.startHubMode(hub.fspiopUrl(), certificates);
        useSwitch(hub, toolkit);
        return toolkit;
    }

    /** Points the unpacked hub at the Toolkit and serves the channel API on its HTTP port. */
    static void useSwitch(HubDistribution hub, TestingToolkit toolkit) throws Exception {
        hub.appendEtc("io.paymenthub.fspiop.cfg", "switch.url = " + toolkit.fspiopUrl() + "\n");
        hub.appendEtc("io.paymenthub.channel.cfg", "http.host = 127.0.0.1\nhttp.port = " + hub.httpPort() + "\n");
    }

    /** Writes the files of both lab tenants, dfsp1 and dfsp2, paying each other through the switch in USD. */
    static void writeLabTenants(HubDistribution hub, FineractSimulator fineract, boolean payerConfirmation) throws Exception {
        for (String tenant : new String[] {"dfsp1", "dfsp2"}) {
            writeTenant(hub, fineract, tenant, "SWITCH", "USD", payerConfirmation);
        }
    }

    /** Writes a lab tenant's file (its fspId is its name, as in the Toolkit's forward rules). */
    public static void writeTenant(HubDistribution hub, FineractSimulator fineract, String tenant, String onUsRouting, String currencies,
                            boolean payerConfirmation, String... moreSettings) throws Exception {
        writeTenant(hub, fineract.fineractUrl(), tenant, onUsRouting, currencies, payerConfirmation, moreSettings);
    }

    /** As above, with the tenant's core banking at {@code fineractUrl} (one that does not answer, to take it away). */
    static void writeTenant(HubDistribution hub, String fineractUrl, String tenant, String onUsRouting, String currencies,
                            boolean payerConfirmation, String... moreSettings) throws Exception {
        hub.writeEtc("io.paymenthub.tenant-" + tenant + ".cfg", String.join("\n",
                "name = " + tenant, "fspId = " + tenant, "currencies = " + currencies, "payer.confirmation = " + payerConfirmation,
                "fineract.url = " + fineractUrl, "fineract.tenantId = " + tenant,
                "fineract.username = mifos", "fineract.password = password",
                "channel.clientId = " + tenant + "-channel", "channel.secretHash = " + secretHash(tenant),
                "backOffice.clientId = " + tenant + "-backoffice", "backOffice.secretHash = " + backOfficeSecretHash(tenant),
                "ilp.secret = ilp-secret-" + tenant + "-0123456789", "onus.routing = " + onUsRouting, String.join("\n", moreSettings), ""));
    }

    private static final java.util.Map<String, String> SECRET_HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The hash of a lab tenant's channel secret, as an operator stores it: the files the tests write
     * again and again never hold the secret itself (the hub would rewrite such a file, racing the
     * test's next change of it).
     */
    public static String secretHash(String tenant) {
        return SECRET_HASHES.computeIfAbsent(tenant, t -> io.paymenthub.core.tenant.SecretHash.hash("channel-secret-" + t));
    }

    private static final java.util.Map<String, String> BACK_OFFICE_HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The hash of a lab tenant's back-office secret. */
    static String backOfficeSecretHash(String tenant) {
        return BACK_OFFICE_HASHES.computeIfAbsent(tenant, t -> io.paymenthub.core.tenant.SecretHash.hash("back-office-secret-" + t));
    }

    /** The headers of a tenant's back office, who alone runs and reads its reconciliations over the channel API. */
    static Map<String, String> backOffice(String tenant) {
        String credentials = tenant + "-backoffice:back-office-secret-" + tenant;
        return Map.of("Platform-TenantId", tenant, "Content-Type", "application/json",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** The headers of a tenant's channel: its name and its credentials. */
    static Map<String, String> channel(String tenant) {
        String credentials = tenant + "-channel:channel-secret-" + tenant;
        return Map.of("Platform-TenantId", tenant, "Content-Type", "application/json",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Stops what a test started, in the order given (the hub before the peers it calls), even
     * when its start failed half-way: parts never started are null.
     */
    static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }
}
