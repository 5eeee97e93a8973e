package io.paymenthub.connector.mojaloop;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.paymenthub.connector.mojaloop.dispatch.FspiopCallbackRegistry;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.dispatch.InboundDispatcher;
import io.paymenthub.fspiop.FspiopHeaders;

/** Well-formed FSPIOP requests to start tests from. */
public final class FspiopSamples {

    public static final String QUOTE_ID = "b51ec534-ee48-4575-b6a9-ead2955b8069";

    private FspiopSamples() {
    }

    /** A valid tenant configuration whose fspId is given. */
    public static Map<String, Object> tenantConfig(String name, String fspId) {
        return io.paymenthub.core.tenant.TestTenantConfigs.valid(name, fspId);
    }

    /** A real, in-memory ActiveMQ broker reachable at {@code vm://<name>?create=false}. */
    public static org.apache.activemq.broker.BrokerService startBroker(String name) throws Exception {
        org.apache.activemq.broker.BrokerService broker = new org.apache.activemq.broker.BrokerService();
        broker.setBrokerName(name);
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.start();
        broker.waitUntilStarted();
        return broker;
    }

    /**
     * Every queue the inbound API hands a message on to ({@code fspiop.requests.*}, {@code fspiop.callbacks.*},
     * {@code fspiop.outbound}, the inbound queue): an ActiveMQ wildcard, for a test's consumer.
     */
    public static final String HANDED_ON = "jms:queue:fspiop.>";

    /** The inbound API's dispatcher on a database of its own (H2 in memory, the hub's schema). */
    public static InboundDispatcher dispatcher() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:inbound-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try {
            new io.paymenthub.core.schema.SchemaMigrator(h2).migrate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new InboundDispatcher(new FspiopRequestJournal(h2), new FspiopCallbackRegistry(h2));
    }

    /** The settings of an inbound API on loopback at {@code port}, storing what it cannot hand on at once on {@code inboundQueue}. */
    /**
     * The inbound FSPIOP API's route as the hub builds it, for {@code tenants} behind the switch
     * {@code switch}, signatures checked by {@code jws}, without TLS, handing on through {@code dispatcher}.
     */
    public static io.paymenthub.connector.mojaloop.inbound.FspiopInboundRouteBuilder inboundRoute(
            io.paymenthub.core.tenant.TenantDirectory tenants, io.paymenthub.connector.mojaloop.security.FspiopJws jws,
            InboundDispatcher dispatcher) {
        return inboundRoute(tenants, "", jws, io.paymenthub.connector.mojaloop.security.FspiopTls.off(), dispatcher);
    }

    /** The same, with {@code peers} (the FSPs other than the switch that may call the hub directly) and {@code tls}. */
    public static io.paymenthub.connector.mojaloop.inbound.FspiopInboundRouteBuilder inboundRoute(
            io.paymenthub.core.tenant.TenantDirectory tenants, String peers, io.paymenthub.connector.mojaloop.security.FspiopJws jws,
            io.paymenthub.connector.mojaloop.security.FspiopTls tls, InboundDispatcher dispatcher) {
        return new io.paymenthub.connector.mojaloop.inbound.FspiopInboundRouteBuilder(
                io.paymenthub.connector.mojaloop.inbound.InboundSpecificationCheck.forSupportedVersions(),
                new io.paymenthub.connector.mojaloop.inbound.InboundTenantRouter(tenants),
                new io.paymenthub.connector.mojaloop.inbound.InboundPeerCheck(tenants, "switch", peers),
                new io.paymenthub.connector.mojaloop.inbound.InboundSignatureCheck(jws), tls, dispatcher);
    }

    public static java.util.Properties inboundApi(int port, String inboundQueue) {
        java.util.Properties properties = new java.util.Properties();
        properties.put("fspiop.http.host", "127.0.0.1");
        properties.put("fspiop.http.port", String.valueOf(port));
        properties.put("fspiop.http.maxRequestBytes", "65536");
        properties.put("fspiop.inbound.queue", inboundQueue);
        return properties;
    }

    public static String quoteRequest(String amount) {
        return """
                {"quoteId":"%s","transactionId":"a8323bc6-c228-4df2-ae82-e5a997baf899",
                 "payee":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255710000001","fspId":"dfsp2"}},
                 "payer":{"partyIdInfo":{"partyIdType":"MSISDN","partyIdentifier":"255700000001","fspId":"dfsp1"},
                          "name":"Alice Mwangi"},
                 "amountType":"SEND","amount":{"amount":"%s","currency":"USD"},
                 "transactionType":{"scenario":"TRANSFER","initiator":"PAYER","initiatorType":"CONSUMER"},
                 "note":"lunch","expiration":"2026-11-28T12:00:00.000Z"}
                """.formatted(QUOTE_ID, amount);
    }

    public static Map<String, String> headers(String resource, String version, String source, String destination) {
        Map<String, String> headers = new LinkedHashMap<>();
        String type = "application/vnd.interoperability." + resource + "+json;version=" + version;
        headers.put(FspiopHeaders.ACCEPT, type);
        headers.put(FspiopHeaders.CONTENT_TYPE, type);
        headers.put(FspiopHeaders.DATE, FspiopHeaders.formatDate(Instant.parse("2026-11-28T10:00:00Z")));
        headers.put(FspiopHeaders.FSPIOP_SOURCE, source);
        if (destination != null) {
            headers.put(FspiopHeaders.FSPIOP_DESTINATION, destination);
        }
        return headers;
    }
}
