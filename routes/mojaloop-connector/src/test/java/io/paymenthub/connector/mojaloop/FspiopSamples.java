package io.paymenthub.connector.mojaloop;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
